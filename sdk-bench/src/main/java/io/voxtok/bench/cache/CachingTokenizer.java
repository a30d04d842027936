package io.voxtok.bench.cache;

import io.voxtok.api.ComponentId;
import io.voxtok.api.audio.AudioBuffer;
import io.voxtok.api.token.LayerRange;
import io.voxtok.api.token.TokenMatrix;
import io.voxtok.api.token.TokenProducer;
import io.voxtok.api.token.Tokenizer;
import io.voxtok.api.token.TokenizerSpec;
import java.util.List;
import java.util.Map;

/**
 * A tokenizer whose encodings come from a {@link TokenCache}: benchmarks receive this wrapper, so every benchmark
 * (and every re-run after a kill) reuses the tokens computed once. Every layer is cached; a request for some
 * layers is cut from the cached full encoding (identical codes: RVQ layer {@code l} does not depend on which later
 * layers are asked for). Tokens with side information (EnCodec 48 kHz scales) are not cached. Decoding goes to
 * the wrapped tokenizer. Does not own it. Thread-safe.
 */
public final class CachingTokenizer implements Tokenizer {
    private final Tokenizer inner;
    private final TokenCache cache;

    /** {@code inner} with {@code cache}. */
    public CachingTokenizer(Tokenizer inner, TokenCache cache) {
        this.inner = inner;
        this.cache = cache;
    }

    /** The cache. */
    public TokenCache cache() {
        return cache;
    }

    @Override
    public ComponentId id() {
        return inner.id();
    }

    @Override
    public TokenizerSpec spec() {
        return inner.spec();
    }

    @Override
    public TokenProducer producer() {
        return inner.producer();
    }

    @Override
    public Map<String, String> tokenMetadata() {
        return inner.tokenMetadata();
    }

    @Override
    public TokenMatrix encode(AudioBuffer audio, LayerRange layers) {
        String key = TokenCache.key(audio);
        TokenMatrix all = cache.get(key).orElse(null);
        if (all == null) {
            all = inner.encode(audio, LayerRange.first(inner.spec().numLayers()));
            if (!all.sideInfo().isEmpty()) {
                return layers.size() == all.layers() ? all : inner.encode(audio, layers);
            }
            cache.put(key, all);
        }
        return layers.start() == 0 && layers.end() == all.layers() ? all : all.layers(layers.start(), layers.end());
    }

    @Override
    public List<AudioBuffer> decodeBatch(TokenMatrix tokens) {
        return inner.decodeBatch(tokens);
    }

    @Override
    public void close() {
        // the wrapped tokenizer belongs to whoever created it
    }
}
