package io.voxtok.api;

import java.util.Objects;

/**
 * The one unchecked exception of the SDK. Its message is written for a person: it names the file, option or
 * component and the problem.
 */
public class VoxtokException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final ErrorKind kind;

    /** An error of the given kind. */
    public VoxtokException(ErrorKind kind, String message) {
        super(message);
        this.kind = Objects.requireNonNull(kind);
    }

    /** An error of the given kind with its cause. */
    public VoxtokException(ErrorKind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = Objects.requireNonNull(kind);
    }

    /** Who has to act on it. */
    public ErrorKind kind() {
        return kind;
    }

    /** Shorthand for a {@link ErrorKind#USER_INPUT} error. */
    public static VoxtokException userInput(String message) {
        return new VoxtokException(ErrorKind.USER_INPUT, message);
    }
}
