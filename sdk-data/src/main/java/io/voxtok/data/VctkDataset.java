package io.voxtok.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.stream.Stream;

/**
 * VCTK layout, versions 0.80 and 0.92: transcripts {@code txt/<speaker>/<id>.txt}; audio
 * {@code wav48_silence_trimmed/<speaker>/<id>_<mic>.flac} (0.92) or {@code wav48/<speaker>/<id>.wav} (0.80),
 * whichever exists. VCTK has no official split: speakers are assigned deterministically (held-out speakers).
 * An entry whose audio is missing is still listed (with the 0.92 path) so that {@link UtteranceLoader}
 * reports it by name.
 */
public final class VctkDataset implements SpeechDataset {
    private final Path root;
    private final String mic;
    private final SplitAssigner splits;

    /** VCTK with microphone {@code mic1} and 5 % dev / 5 % test speakers. */
    public VctkDataset(Path root) {
        this(root, "mic1", SplitAssigner.bySpeaker(0.05, 0.05));
    }

    /** VCTK with a chosen microphone ({@code mic1} or {@code mic2}, version 0.92) and split rule. */
    public VctkDataset(Path root, String mic, SplitAssigner splits) {
        this.root = DirectoryListing.requireFolder(root, "VCTK");
        this.mic = mic;
        this.splits = splits;
        DirectoryListing.requireFolder(this.root.resolve("txt"), "VCTK transcript (txt/)");
    }

    @Override
    public String name() {
        return "vctk:" + root;
    }

    @Override
    public Stream<CorpusEntry> entries() {
        return DirectoryListing.folders(root.resolve("txt")).stream()
                .flatMap(spk -> DirectoryListing.files(spk, ".txt").stream())
                .map(this::entry);
    }

    private CorpusEntry entry(Path txt) {
        String id = ManifestDataset.stem(txt);
        String speaker = txt.getParent().getFileName().toString();
        Path flac = root.resolve("wav48_silence_trimmed").resolve(speaker).resolve(id + "_" + mic + ".flac");
        Path wav = root.resolve("wav48").resolve(speaker).resolve(id + ".wav");
        Path audio = !Files.exists(flac) && Files.exists(wav) ? wav : flac;
        String text = String.join(" ", DirectoryListing.lines(txt)).strip();
        return splits.apply(new CorpusEntry(id, audio, text, speaker, List.of(), Optional.empty(),
                OptionalDouble.empty(), Split.TRAIN));
    }
}
