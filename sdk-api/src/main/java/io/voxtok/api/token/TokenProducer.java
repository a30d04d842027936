package io.voxtok.api.token;

import java.util.Objects;

/**
 * Who made a token matrix: the tokenizer's name and variant and a hash of its weights. Tokens decode
 * correctly only with the same producer; {@link #requireSame} gives the error for a mismatch. Immutable.
 *
 * @param name        tokenizer name, e.g. {@code speechtokenizer}
 * @param variant     tokenizer variant, e.g. {@code default} or {@code 24khz}
 * @param weightsHash hex SHA-256 (or a shorter prefix) of the weights, {@code "none"} for weightless tokenizers
 */
public record TokenProducer(String name, String variant, String weightsHash) {
    /** Validates. */
    public TokenProducer {
        Objects.requireNonNull(name);
        Objects.requireNonNull(variant);
        Objects.requireNonNull(weightsHash);
    }

    /**
     * Throws {@link io.voxtok.api.VoxtokException} ({@code USER_INPUT}) if {@code tokens} were made by another
     * producer, naming both.
     */
    public void requireSame(TokenProducer tokens) {
        if (!equals(tokens)) {
            throw io.voxtok.api.VoxtokException.userInput("tokens were made by " + tokens
                    + " but this decoder is " + this
                    + "; decode them with the tokenizer and weights that produced them");
        }
    }

    @Override
    public String toString() {
        return name + ":" + variant + "@" + (weightsHash.length() > 12 ? weightsHash.substring(0, 12) : weightsHash);
    }
}
