package io.voxtok.api.token;

/**
 * Incremental encoder state for one stream. Feed samples with {@link #push}; each call returns the token
 * frames that became final (possibly none). {@link #finish()} flushes the tail, exactly as whole-file encoding
 * pads it. Concatenating every returned matrix equals whole-file encoding for causal tokenizers.
 *
 * <p>Not thread-safe: one thread per stream. Close it to free native state.
 */
public interface EncoderStream extends AutoCloseable {
    /** Appends mono samples at the tokenizer's rate; returns the frames finished so far (0 frames allowed). */
    TokenMatrix push(float[] samples);

    /** Ends the stream and returns the remaining frames. */
    TokenMatrix finish();

    @Override
    void close();
}
