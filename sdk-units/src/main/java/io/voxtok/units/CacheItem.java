package io.voxtok.units;

import io.voxtok.api.audio.AudioBuffer;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * One utterance to put in a {@link FeatureCache}: a stable id (it names the file, {@code <id>.npy}; {@code /}
 * makes sub-directories), its audio, loaded only when the features are not cached yet, and the file the audio
 * comes from, if any.
 *
 * <p>Cached features are reused only for the same content ({@link ContentKey}): the hash of {@code source}'s bytes
 * when there is a source file (the audio is then not decoded for a cache hit), else the hash of the decoded audio.
 *
 * @param id     relative name without extension, e.g. {@code spk1/utt001}
 * @param audio  loads the audio on demand
 * @param source the file {@code audio} reads, which keys the cache; empty for audio made in memory
 */
public record CacheItem(String id, Supplier<AudioBuffer> audio, Optional<Path> source) {
    /** Validates the id. */
    public CacheItem {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(audio, "audio");
        Objects.requireNonNull(source, "source");
        if (id.isEmpty() || id.startsWith("/") || id.contains("\\") || id.contains("\0")) {
            throw new IllegalArgumentException("bad cache item id '" + id + "'");
        }
        for (String part : id.split("/", -1)) {
            if (part.isEmpty() || part.equals(".") || part.equals("..")) {
                throw new IllegalArgumentException("bad cache item id '" + id + "'");
            }
        }
    }

    /** An item of audio made in memory: keyed by the decoded samples. */
    public CacheItem(String id, Supplier<AudioBuffer> audio) {
        this(id, audio, Optional.empty());
    }

    /** An item read from {@code file} by {@code audio}: keyed by the file's bytes. */
    public static CacheItem ofFile(String id, Path file, Supplier<AudioBuffer> audio) {
        return new CacheItem(id, audio, Optional.of(file));
    }

    /** The file's name, or the id when the audio has no file: what messages name. */
    public String label() {
        return source.map(Path::toString).orElse(id);
    }
}
