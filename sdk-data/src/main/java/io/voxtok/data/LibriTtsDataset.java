package io.voxtok.data;

import io.voxtok.api.VoxtokException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.stream.Stream;

/**
 * LibriTTS layout: {@code <subset>/<speaker>/<chapter>/<id>.wav} (24 kHz) with {@code <id>.normalized.txt}
 * (used) or {@code <id>.original.txt} beside it. {@code root} is one subset folder or the folder holding
 * subsets; splits come from subset names as in {@link LibriSpeechDataset}. A wav without transcript fails
 * with the file name.
 */
public final class LibriTtsDataset implements SpeechDataset {
    private final Path root;
    private final SplitAssigner fallback = SplitAssigner.bySpeaker(0.05, 0.05);

    /** A LibriTTS folder or subset folder. */
    public LibriTtsDataset(Path root) {
        this.root = DirectoryListing.requireFolder(root, "LibriTTS");
    }

    @Override
    public String name() {
        return "libritts:" + root;
    }

    @Override
    public Stream<CorpusEntry> entries() {
        return LibriSpeechDataset.subsets(root).stream().flatMap(subset -> {
            Optional<Split> split = LibriSpeechDataset.splitOfSubset(subset.getFileName().toString());
            return DirectoryListing.folders(subset).stream()
                    .flatMap(spk -> DirectoryListing.folders(spk).stream())
                    .flatMap(ch -> DirectoryListing.files(ch, ".wav").stream())
                    .map(wav -> entry(wav, split));
        });
    }

    private CorpusEntry entry(Path wav, Optional<Split> split) {
        String id = ManifestDataset.stem(wav);
        Path text = wav.resolveSibling(id + ".normalized.txt");
        if (!Files.isRegularFile(text)) {
            text = wav.resolveSibling(id + ".original.txt");
        }
        if (!Files.isRegularFile(text)) {
            throw VoxtokException.userInput("no transcript (" + id + ".normalized.txt or .original.txt) for " + wav);
        }
        String transcript = String.join(" ", DirectoryListing.lines(text)).strip();
        String speaker = id.split("_", 2)[0];
        CorpusEntry e = new CorpusEntry(id, wav, transcript, speaker, List.of(), Optional.empty(),
                OptionalDouble.empty(), Split.TRAIN);
        return split.map(e::withSplit).orElseGet(() -> fallback.apply(e));
    }
}
