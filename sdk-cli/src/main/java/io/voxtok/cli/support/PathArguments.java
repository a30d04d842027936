package io.voxtok.cli.support;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Checks of path-valued options before any work starts. A failed check is a usage error
 * ({@link IllegalArgumentException}, exit code 2) naming the option, the path and the problem.
 */
public final class PathArguments {
    private PathArguments() {
    }

    /** {@code path} must be an existing regular file; returns it absolute. */
    public static Path file(String option, Path path) {
        if (Files.isDirectory(path)) {
            throw new IllegalArgumentException(option + " " + path + ": is a directory, expected a file");
        }
        if (!Files.isRegularFile(path)) {
            throw new IllegalArgumentException(option + " " + path + ": no such file");
        }
        return path.toAbsolutePath().normalize();
    }

    /** {@code path} must be an existing directory; returns it absolute. */
    public static Path directory(String option, Path path) {
        if (Files.isRegularFile(path)) {
            throw new IllegalArgumentException(option + " " + path + ": is a file, expected a directory");
        }
        if (!Files.isDirectory(path)) {
            throw new IllegalArgumentException(option + " " + path + ": no such directory");
        }
        return path.toAbsolutePath().normalize();
    }

    /** {@code path} must exist (file or directory); returns it absolute. */
    public static Path existing(String option, Path path) {
        if (!Files.exists(path)) {
            throw new IllegalArgumentException(option + " " + path + ": no such file or directory");
        }
        return path.toAbsolutePath().normalize();
    }

    /** {@code path} must not be an existing regular file (it is or becomes a directory); returns it absolute. */
    public static Path outputDirectory(String option, Path path) {
        if (Files.isRegularFile(path)) {
            throw new IllegalArgumentException(option + " " + path + ": is a file, expected a directory");
        }
        return path.toAbsolutePath().normalize();
    }

    /** {@code path} must not be an existing directory (it is or becomes a file); returns it absolute. */
    public static Path outputFile(String option, Path path) {
        if (Files.isDirectory(path)) {
            throw new IllegalArgumentException(option + " " + path + ": is a directory, expected a file");
        }
        return path.toAbsolutePath().normalize();
    }

    /** Deletes a directory tree (or file) if it exists, children first. */
    public static void deleteTree(Path dir) throws java.io.IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (java.util.stream.Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
