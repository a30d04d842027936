package io.voxtok.data;

import io.voxtok.api.VoxtokException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.stream.Stream;

/**
 * LibriSpeech layout: {@code <subset>/<speaker>/<chapter>/<speaker>-<chapter>.trans.txt} whose lines are
 * {@code <utterance-id> <TEXT>}, with audio {@code <utterance-id>.flac} beside it. {@code root} is either one
 * subset folder (e.g. {@code LibriSpeech/dev-clean}) or the folder holding subsets. The split comes from the
 * subset name ({@code train-*}, {@code dev-*}, {@code test-*}); other names use a by-speaker assignment.
 * Streams chapter by chapter in sorted order.
 */
public final class LibriSpeechDataset implements SpeechDataset {
    private final Path root;
    private final SplitAssigner fallback = SplitAssigner.bySpeaker(0.05, 0.05);

    /** A LibriSpeech folder or subset folder. */
    public LibriSpeechDataset(Path root) {
        this.root = DirectoryListing.requireFolder(root, "LibriSpeech");
    }

    @Override
    public String name() {
        return "librispeech:" + root;
    }

    @Override
    public Stream<CorpusEntry> entries() {
        return subsets(root).stream().flatMap(this::subsetEntries);
    }

    /** {@code root} itself when it holds numeric speaker folders, else its sub-folders. */
    static List<Path> subsets(Path root) {
        List<Path> dirs = DirectoryListing.folders(root);
        boolean isSubset = !dirs.isEmpty() && dirs.stream().allMatch(d -> d.getFileName().toString().matches("\\d+"));
        return isSubset ? List.of(root) : dirs;
    }

    /** The split implied by a subset name, empty when the name says nothing. */
    static Optional<Split> splitOfSubset(String name) {
        if (name.startsWith("train")) {
            return Optional.of(Split.TRAIN);
        }
        if (name.startsWith("dev")) {
            return Optional.of(Split.DEV);
        }
        return name.startsWith("test") ? Optional.of(Split.TEST) : Optional.empty();
    }

    private Stream<CorpusEntry> subsetEntries(Path subset) {
        Optional<Split> split = splitOfSubset(subset.getFileName().toString());
        return DirectoryListing.folders(subset).stream()
                .flatMap(spk -> DirectoryListing.folders(spk).stream())
                .flatMap(chapter -> chapterEntries(chapter, split).stream());
    }

    private List<CorpusEntry> chapterEntries(Path chapter, Optional<Split> split) {
        List<CorpusEntry> out = new ArrayList<>();
        for (Path trans : DirectoryListing.files(chapter, ".trans.txt")) {
            List<String> lines = DirectoryListing.lines(trans);
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i).strip();
                if (line.isEmpty()) {
                    continue;
                }
                int sp = line.indexOf(' ');
                if (sp <= 0) {
                    throw VoxtokException.userInput(trans + ":" + (i + 1) + ": expected '<utterance-id> <text>'");
                }
                String id = line.substring(0, sp);
                String speaker = id.split("-", 2)[0];
                Path audio = chapter.resolve(id + ".flac");
                if (!Files.exists(audio) && Files.exists(chapter.resolve(id + ".wav"))) {
                    audio = chapter.resolve(id + ".wav");
                }
                CorpusEntry e = new CorpusEntry(id, audio, line.substring(sp + 1).strip(), speaker, List.of(),
                        Optional.empty(), OptionalDouble.empty(), Split.TRAIN);
                out.add(split.map(e::withSplit).orElseGet(() -> fallback.apply(e)));
            }
        }
        return out;
    }
}
