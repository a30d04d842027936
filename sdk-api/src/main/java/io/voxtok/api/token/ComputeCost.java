package io.voxtok.api.token;

/**
 * Optional interface of a tokenizer that can state its arithmetic cost, reported by {@code voxtok bench speed}.
 * Counts are multiply-adds times two (FLOPs) per second of input audio, computed from the architecture.
 */
public interface ComputeCost {
    /** FLOPs to encode one second of audio with every layer. */
    double encodeFlopsPerSecond();

    /** FLOPs to decode one second of tokens with every layer. */
    double decodeFlopsPerSecond();
}
