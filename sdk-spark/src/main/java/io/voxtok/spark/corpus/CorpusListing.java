package io.voxtok.spark.corpus;

import io.voxtok.api.VoxtokException;
import io.voxtok.data.LibriSpeechDataset;
import io.voxtok.data.LibriTtsDataset;
import io.voxtok.data.ManifestDataset;
import io.voxtok.data.SpeechDataset;
import io.voxtok.data.VctkDataset;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Lists a corpus on the driver: ids and audio paths only (a few hundred bytes per utterance, so even LibriLight's
 * millions of files fit), sorted by id so that the shard plan is the same on every run.
 */
public final class CorpusListing {
    /** Audio file extensions of the {@link CorpusLayout#DIR} layout (those {@code voxtok encode DIR} takes). */
    public static final Set<String> AUDIO = Set.of("wav", "flac");

    private CorpusListing() {
    }

    /**
     * The utterances of {@code input} in {@code layout} (null: {@link CorpusLayout#detect}), sorted by id.
     *
     * @throws VoxtokException USER_INPUT when the corpus is empty, malformed, or has two utterances with one id
     */
    public static List<CorpusItem> list(Path input, CorpusLayout layout) {
        Path in = input.toAbsolutePath().normalize();
        CorpusLayout l = layout != null ? layout : CorpusLayout.detect(in);
        List<CorpusItem> items = switch (l) {
            case DIR -> directory(in);
            case MANIFEST -> dataset(new ManifestDataset(in));
            case LIBRISPEECH -> dataset(new LibriSpeechDataset(in));
            case LIBRITTS -> dataset(new LibriTtsDataset(in));
            case VCTK -> dataset(new VctkDataset(in));
        };
        if (items.isEmpty()) {
            throw VoxtokException.userInput(in + ": no utterances found (layout " + l.name().toLowerCase(Locale.ROOT) + ")");
        }
        List<CorpusItem> sorted = new ArrayList<>(items);
        sorted.sort(Comparator.comparing(CorpusItem::id));
        requireUniqueIds(sorted);
        return sorted;
    }

    private static List<CorpusItem> directory(Path root) {
        if (!Files.isDirectory(root)) {
            throw VoxtokException.userInput(root + ": not a folder");
        }
        // Links are followed: corpora are often assembled from linked folders (a loop is reported, not walked forever).
        try (Stream<Path> s = Files.walk(root, java.nio.file.FileVisitOption.FOLLOW_LINKS)) {
            return s.filter(Files::isRegularFile).filter(p -> AUDIO.contains(extension(p)))
                    .map(p -> new CorpusItem(idOf(root, p), p.toString())).toList();
        } catch (IOException e) {
            throw VoxtokException.userInput(root + ": cannot list folder: " + e.getMessage());
        }
    }

    private static List<CorpusItem> dataset(SpeechDataset d) {
        try (Stream<io.voxtok.data.CorpusEntry> s = d.entries()) {
            return s.map(e -> new CorpusItem(e.id(), e.audioPath().toAbsolutePath().normalize().toString())).toList();
        }
    }

    /** The path of {@code file} relative to {@code root}, with '/' separators and without its extension. */
    static String idOf(Path root, Path file) {
        String rel = root.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
        int dot = rel.lastIndexOf('.');
        return dot > rel.lastIndexOf('/') + 1 ? rel.substring(0, dot) : rel;
    }

    private static String extension(Path p) {
        String n = p.getFileName().toString();
        int i = n.lastIndexOf('.');
        return i < 0 ? "" : n.substring(i + 1).toLowerCase(Locale.ROOT);
    }

    private static void requireUniqueIds(List<CorpusItem> sorted) {
        Map<String, String> seen = new HashMap<>();
        for (CorpusItem it : sorted) {
            String before = seen.put(it.id(), it.path());
            if (before != null) {
                throw VoxtokException.userInput("two utterances have the id '" + it.id() + "': " + before + " and " + it.path());
            }
        }
    }
}
