package io.voxtok.audio;

import io.voxtok.api.ErrorKind;
import io.voxtok.api.VoxtokException;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Builds the {@link VoxtokException}s of this package, so that every message starts with the file it is about.
 * A wrong path is the caller's problem ({@link ErrorKind#USER_INPUT}); a refused permission or a failing disk is
 * the environment's ({@link ErrorKind#ENVIRONMENT}). Write failures come from {@link io.voxtok.modelio.AtomicFiles}
 * with the same prefix and classification.
 */
final class AudioFileErrors {
    private AudioFileErrors() {
    }

    /** Bad content in {@code file}: {@code "<file>: <problem>"}. */
    static VoxtokException badInput(Path file, String problem) {
        return new VoxtokException(ErrorKind.USER_INPUT, file + ": " + problem);
    }

    /** Bad content in {@code file}, found through {@code cause}. */
    static VoxtokException badInput(Path file, String problem, Throwable cause) {
        return new VoxtokException(ErrorKind.USER_INPUT, file + ": " + problem, cause);
    }

    /** An I/O failure while reading {@code file}. */
    static VoxtokException readFailure(Path file, IOException e) {
        if (e instanceof NoSuchFileException) {
            return new VoxtokException(ErrorKind.USER_INPUT, file + ": no such file", e);
        }
        if (e instanceof AccessDeniedException) {
            return new VoxtokException(ErrorKind.ENVIRONMENT, file + ": permission denied", e);
        }
        return new VoxtokException(ErrorKind.ENVIRONMENT, file + ": cannot read: " + e.getMessage(), e);
    }
}
