package io.voxtok.bench;

import io.voxtok.api.ComponentId;
import io.voxtok.api.audio.AudioBuffer;
import io.voxtok.api.token.LayerRange;
import io.voxtok.api.token.TokenMatrix;
import io.voxtok.api.token.TokenProducer;
import io.voxtok.api.token.Tokenizer;
import io.voxtok.api.token.TokenizerSpec;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** Two layers of codes derived from the samples (sign and magnitude), counting encodes; can refuse to encode. */
final class FakeTokenizer implements Tokenizer {
    final AtomicInteger encodes = new AtomicInteger();
    private final boolean refuse;

    FakeTokenizer(boolean refuse) {
        this.refuse = refuse;
    }

    @Override
    public ComponentId id() {
        return ComponentId.of("fake");
    }

    @Override
    public TokenizerSpec spec() {
        return new TokenizerSpec(100, 1, 10, 2, 4, 1, true, false);
    }

    @Override
    public TokenProducer producer() {
        return new TokenProducer("fake", "default", "0");
    }

    @Override
    public TokenMatrix encode(AudioBuffer audio, LayerRange layers) {
        if (refuse) {
            throw new AssertionError("encode called although the tokens are cached");
        }
        encodes.incrementAndGet();
        int frames = audio.frames() / 10;
        int[][] codes = new int[2][frames];
        float[] x = audio.toArray();
        for (int t = 0; t < frames; t++) {
            codes[0][t] = x[t * 10] > 0 ? 1 : 0;
            codes[1][t] = Math.min(3, (int) (Math.abs(x[t * 10]) * 4));
        }
        TokenMatrix all = TokenMatrix.single(codes, 0, 4, 10.0, producer());
        return all.layers(layers.start(), layers.end());
    }

    @Override
    public List<AudioBuffer> decodeBatch(TokenMatrix tokens) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void close() {
    }
}
