package io.voxtok.data;

import io.voxtok.api.VoxtokException;
import io.voxtok.api.audio.AudioBuffer;
import io.voxtok.audio.AudioReader;
import java.nio.file.Files;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decodes the audio of corpus entries lazily (one file at a time, as the stream is consumed), converting to a
 * fixed sample rate and channel count. A file that is missing, cannot be decoded or holds NaN/infinite samples
 * is either fatal ({@link #failing}) or skipped and reported by name to a listener ({@link #skipping}).
 */
public final class UtteranceLoader {
    private static final Logger LOG = LoggerFactory.getLogger(UtteranceLoader.class);
    private final int sampleRate;
    private final int channels;
    private final Consumer<BadFile> onBadFile;

    private UtteranceLoader(int sampleRate, int channels, Consumer<BadFile> onBadFile) {
        if (sampleRate <= 0 || channels <= 0) {
            throw new IllegalArgumentException("bad target format " + sampleRate + " Hz, " + channels + " channels");
        }
        this.sampleRate = sampleRate;
        this.channels = channels;
        this.onBadFile = onBadFile;
    }

    /** Throws a {@link VoxtokException} naming the first bad file. */
    public static UtteranceLoader failing(int sampleRate, int channels) {
        return new UtteranceLoader(sampleRate, channels, null);
    }

    /** Skips bad files, logging each and passing it to {@code onBadFile}. */
    public static UtteranceLoader skipping(int sampleRate, int channels, Consumer<BadFile> onBadFile) {
        return new UtteranceLoader(sampleRate, channels, Objects.requireNonNull(onBadFile));
    }

    /** Loads each entry as the returned stream is consumed; closing it closes {@code entries}. */
    public Stream<LoadedEntry> load(Stream<CorpusEntry> entries) {
        return entries.map(this::tryLoad).flatMap(Optional::stream);
    }

    /** Loads one entry, throwing on a bad file whatever the policy. */
    public LoadedEntry loadOne(CorpusEntry e) {
        return new LoadedEntry(e, decode(e));
    }

    private Optional<LoadedEntry> tryLoad(CorpusEntry e) {
        if (onBadFile == null) {
            return Optional.of(loadOne(e));
        }
        try {
            return Optional.of(loadOne(e));
        } catch (VoxtokException | IllegalArgumentException ex) {
            LOG.warn("skipping {}: {}", e.audioPath(), ex.getMessage());
            onBadFile.accept(new BadFile(e.id(), e.audioPath(), ex.getMessage()));
            return Optional.empty();
        }
    }

    private AudioBuffer decode(CorpusEntry e) {
        if (!Files.isRegularFile(e.audioPath())) {
            throw VoxtokException.userInput("audio file of '" + e.id() + "' not found: " + e.audioPath());
        }
        AudioBuffer a = AudioReader.readAs(e.audioPath(), sampleRate, channels);
        if (a.hasNonFinite()) {
            throw VoxtokException.userInput("audio file " + e.audioPath() + " contains NaN or infinite samples");
        }
        if (a.frames() == 0) {
            throw VoxtokException.userInput("audio file " + e.audioPath() + " is empty");
        }
        return a;
    }
}
