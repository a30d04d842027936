package io.voxtok.cli.support;

import io.voxtok.api.VoxtokException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/** Expands command-line inputs: files as given, directories to their matching files (recursively, sorted). */
public final class InputFiles {
    /** Audio file extensions picked from directories. */
    public static final Set<String> AUDIO = Set.of("wav", "flac");
    /** Token file extensions picked from directories. */
    public static final Set<String> TOKENS = Set.of("vtok", "npy");

    private InputFiles() {
    }

    /** The files named or contained in {@code inputs} with one of {@code extensions} (see {@link #expandRooted}). */
    public static List<Path> expand(List<Path> inputs, Set<String> extensions) {
        return expandRooted(inputs, extensions).stream().map(InputFile::path).toList();
    }

    /**
     * The files named or contained in {@code inputs} with one of {@code extensions}, each with its place under the
     * argument that named it. Directories are walked recursively in sorted order. A file reached twice (named
     * and inside a named directory, or named twice) is kept once, at its first place.
     *
     * @throws VoxtokException USER_INPUT for a missing input, an unreadable directory, or no matching file
     */
    public static List<InputFile> expandRooted(List<Path> inputs, Set<String> extensions) {
        List<InputFile> out = new ArrayList<>();
        Set<Path> seen = new HashSet<>();
        for (Path in : inputs) {
            if (Files.isDirectory(in)) {
                List<Path> found;
                try (Stream<Path> s = Files.walk(in)) {
                    found = s.filter(Files::isRegularFile).filter(p -> extensions.contains(extension(p))).sorted().toList();
                } catch (IOException | UncheckedIOException e) {
                    throw VoxtokException.userInput(in + ": cannot list directory: " + e.getMessage());
                }
                for (Path p : found) {
                    if (seen.add(p.toAbsolutePath().normalize())) {
                        out.add(new InputFile(p, in.relativize(p)));
                    }
                }
            } else if (Files.isRegularFile(in)) {
                if (seen.add(in.toAbsolutePath().normalize())) {
                    out.add(InputFile.named(in));
                }
            } else {
                throw VoxtokException.userInput(in + ": no such file or directory");
            }
        }
        if (out.isEmpty()) {
            throw VoxtokException.userInput("no input files with extension " + extensions + " in " + inputs);
        }
        return out;
    }

    /**
     * Refuses inputs whose file names without extension are equal, ignoring case, for outputs keyed by that name
     * alone (unit lines, feature-cache ids that training looks up by utterance id).
     *
     * @param keyedAs what the name keys, for the message (e.g. {@code "unit line ids"})
     * @throws VoxtokException USER_INPUT listing every clash
     */
    public static void requireUniqueStems(List<InputFile> files, String keyedAs) {
        // compared ignoring case: 'A' and 'a' name one file A.npy / a.npy on macOS and Windows
        Map<String, List<Path>> byStem = new LinkedHashMap<>();
        for (InputFile f : files) {
            byStem.computeIfAbsent(stem(f.path()).toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(f.path());
        }
        List<String> clashes = new ArrayList<>();
        for (List<Path> same : byStem.values()) {
            if (same.size() > 1) {
                String names = String.join("' / '", same.stream().map(InputFiles::stem).distinct().toList());
                clashes.add("'" + names + "' from " + String.join(" and ", same.stream().map(Path::toString).toList()));
            }
        }
        if (!clashes.isEmpty()) {
            int shown = Math.min(clashes.size(), 5);
            throw VoxtokException.userInput(clashes.size() + " file name(s) occur more than once among the inputs, and "
                    + keyedAs + " are file names without extension, nothing written: "
                    + String.join("; ", clashes.subList(0, shown))
                    + (clashes.size() > shown ? "; and " + (clashes.size() - shown) + " more" : "")
                    + " (rename the inputs or run them separately)");
        }
    }

    /** Lower-case extension without the dot ("" when none). */
    public static String extension(Path p) {
        String n = p.getFileName().toString();
        int i = n.lastIndexOf('.');
        return i < 0 ? "" : n.substring(i + 1).toLowerCase(Locale.ROOT);
    }

    /** File name without extension. */
    public static String stem(Path p) {
        String n = p.getFileName().toString();
        int i = n.lastIndexOf('.');
        return i <= 0 ? n : n.substring(0, i);
    }
}
