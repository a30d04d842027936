package io.voxtok.data;

import io.voxtok.api.ErrorKind;
import io.voxtok.api.VoxtokException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;

/** Sorted one-level directory listings and small-file reads with errors that name the path. */
final class DirectoryListing {
    private DirectoryListing() {
    }

    /** Children of {@code dir} matching {@code filter}, sorted by name (one folder is small; corpora stream per folder). */
    static List<Path> children(Path dir, Predicate<Path> filter) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(filter).sorted().toList();
        } catch (IOException e) {
            throw new VoxtokException(ErrorKind.USER_INPUT, "cannot list " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Sub-folders of {@code dir}, sorted. */
    static List<Path> folders(Path dir) {
        return children(dir, Files::isDirectory);
    }

    /** Files of {@code dir} whose names end with {@code suffix}, sorted. */
    static List<Path> files(Path dir, String suffix) {
        return children(dir, p -> Files.isRegularFile(p) && p.getFileName().toString().endsWith(suffix));
    }

    /** All lines of a small UTF-8 text file. */
    static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new VoxtokException(ErrorKind.USER_INPUT, "cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Fails clearly when {@code root} is not a folder. */
    static Path requireFolder(Path root, String what) {
        Path r = root.toAbsolutePath().normalize();
        if (!Files.isDirectory(r)) {
            throw VoxtokException.userInput(what + " folder not found: " + r);
        }
        return r;
    }
}
