package io.voxtok.api.token;

/**
 * A tokenizer that can encode audio arriving in pieces of any size, carrying its state between pieces.
 * Offered by causal tokenizers ({@link TokenizerSpec#streamable()}).
 */
public interface StreamingTokenizer extends Tokenizer {
    /** Opens a new encoding stream with the given layers. The stream is not thread-safe; close it. */
    EncoderStream openEncoderStream(LayerRange layers);
}
