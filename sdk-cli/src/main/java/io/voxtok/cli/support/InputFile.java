package io.voxtok.cli.support;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One input of a command and where it sits under the argument that named it: for a file found in a directory
 * argument its path relative to that directory ({@code a/x.flac} for {@code corpus/a/x.flac} under
 * {@code corpus/}); for a file named directly, its file name. Directory runs mirror {@code relative} under the
 * output directory, so equal file names in different sub-folders do not overwrite each other.
 *
 * @param path     the file as found
 * @param relative its place relative to its input root (never absolute, never empty)
 */
public record InputFile(Path path, Path relative) {
    /** Checks the relative part. */
    public InputFile {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(relative, "relative");
        if (relative.isAbsolute() || relative.getNameCount() == 0 || relative.toString().isEmpty()) {
            throw new IllegalArgumentException("relative path must be a non-empty relative path: " + relative);
        }
    }

    /** A file named directly on the command line: its relative part is its file name. */
    public static InputFile named(Path file) {
        return new InputFile(file, file.getFileName());
    }
}
