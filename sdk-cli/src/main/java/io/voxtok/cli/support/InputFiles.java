package io.voxtok.cli.support;

import io.voxtok.api.VoxtokException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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

    /** The files named or contained in {@code inputs} with one of {@code extensions}. */
    public static List<Path> expand(List<Path> inputs, Set<String> extensions) {
        List<Path> out = new ArrayList<>();
        for (Path in : inputs) {
            if (Files.isDirectory(in)) {
                try (Stream<Path> s = Files.walk(in)) {
                    s.filter(Files::isRegularFile).filter(p -> extensions.contains(extension(p))).sorted().forEach(out::add);
                } catch (IOException e) {
                    throw VoxtokException.userInput(in + ": cannot list directory: " + e.getMessage());
                }
            } else if (Files.isRegularFile(in)) {
                out.add(in);
            } else {
                throw VoxtokException.userInput(in + ": no such file or directory");
            }
        }
        if (out.isEmpty()) {
            throw VoxtokException.userInput("no input files with extension " + extensions + " in " + inputs);
        }
        return out;
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

    /**
     * Where the output for {@code input} goes: {@code out} itself for a single input when {@code out} has an
     * extension and is not an existing directory; otherwise {@code out/<stem>.<ext>}.
     */
    public static Path outputFor(Path input, Path out, int inputs, String defaultExt) {
        boolean looksLikeFile = !extension(out).isEmpty() && !Files.isDirectory(out);
        if (inputs == 1 && looksLikeFile) {
            return ensureParent(out);
        }
        if (looksLikeFile) {
            throw VoxtokException.userInput("-o " + out + " names a file but there are " + inputs
                    + " inputs; give a directory");
        }
        return ensureParent(out.resolve(stem(input) + "." + defaultExt));
    }

    /** Creates the parent directory of {@code file} if needed; returns {@code file}. */
    public static Path ensureParent(Path file) {
        Path parent = file.toAbsolutePath().getParent();
        try {
            Files.createDirectories(parent);
        } catch (IOException e) {
            throw VoxtokException.userInput(parent + ": cannot create output directory: " + e.getMessage());
        }
        return file;
    }
}
