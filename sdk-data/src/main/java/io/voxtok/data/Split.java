package io.voxtok.data;

import io.voxtok.api.VoxtokException;
import java.util.Locale;

/** The partition of a corpus an item belongs to. Manifests spell it in lower case. */
public enum Split {
    /** Training data. */
    TRAIN,
    /** Validation data (model selection). */
    DEV,
    /** Held-out evaluation data. */
    TEST;

    /** The manifest spelling: {@code train}, {@code dev}, {@code test}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses a manifest spelling; {@code validation}/{@code valid} mean {@link #DEV}.
     *
     * @throws VoxtokException for anything else
     */
    public static Split parse(String s) {
        String k = s.trim().toLowerCase(Locale.ROOT);
        return switch (k) {
            case "train" -> TRAIN;
            case "dev", "valid", "validation" -> DEV;
            case "test" -> TEST;
            default -> throw VoxtokException.userInput("unknown split '" + s + "' (expected train, dev or test)");
        };
    }
}
