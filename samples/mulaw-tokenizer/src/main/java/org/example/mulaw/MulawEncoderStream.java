package org.example.mulaw;

import io.voxtok.api.token.EncoderStream;
import io.voxtok.api.token.TokenMatrix;

/**
 * Streaming mu-law encoding: every pushed sample is final at once (hop 1, no look-ahead), so {@link #push}
 * returns one frame per sample and {@link #finish()} none. Not thread-safe, like every {@link EncoderStream}.
 */
final class MulawEncoderStream implements EncoderStream {
    private final MulawTokenizer owner;
    private boolean finished;

    MulawEncoderStream(MulawTokenizer owner) {
        this.owner = owner;
    }

    @Override
    public TokenMatrix push(float[] samples) {
        requireOpen();
        return MulawTokenizer.tokens(MulawTokenizer.encodeSamples(samples));
    }

    @Override
    public TokenMatrix finish() {
        requireOpen();
        finished = true;
        return MulawTokenizer.tokens(new int[0]);
    }

    @Override
    public void close() {
        finished = true;
    }

    private void requireOpen() {
        if (finished) {
            throw new IllegalStateException("this " + owner.id() + " encoder stream is finished or closed");
        }
    }
}
