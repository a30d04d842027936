package io.voxtok.bench.subject;

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
 * A tokenizer seen through a layer selection (the paper's RVQ-1 vs RVQ-1:8 rows): its spec has only the selected
 * layers, {@code encode(audio)} gives them, and decoding uses them alone. Layer indices passed in are relative to
 * the selection. Does not own the wrapped tokenizer. Thread-safe as the wrapped one.
 */
public final class LayerSelectedTokenizer implements Tokenizer {
    private final Tokenizer inner;
    private final LayerRange selection;
    private final TokenizerSpec spec;

    /** {@code inner} restricted to {@code selection}, which must lie within its layers. */
    public LayerSelectedTokenizer(Tokenizer inner, LayerRange selection) {
        TokenizerSpec s = inner.spec();
        if (selection.end() > s.numLayers()) {
            throw io.voxtok.api.VoxtokException.userInput("layers RVQ-" + (selection.start() + 1) + ".." + selection.end()
                    + " asked for, " + inner.id() + " has " + s.numLayers() + " layers");
        }
        this.inner = inner;
        this.selection = selection;
        int semantic = Math.max(0, Math.min(s.semanticLayers() - selection.start(), selection.size()));
        this.spec = new TokenizerSpec(s.sampleRate(), s.channels(), s.hopLength(), selection.size(), s.codebookSize(),
                semantic, s.causal(), false, s.segmentation());
    }

    @Override
    public ComponentId id() {
        return inner.id();
    }

    @Override
    public TokenizerSpec spec() {
        return spec;
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
        if (layers.end() > selection.size()) {
            throw new IllegalArgumentException("layers " + layers + " outside the selection of " + selection.size());
        }
        return inner.encode(audio, LayerRange.of(selection.start() + layers.start(), selection.start() + layers.end()));
    }

    @Override
    public TokenMatrix encodeBatch(List<AudioBuffer> items, LayerRange layers) {
        return inner.encodeBatch(items, LayerRange.of(selection.start() + layers.start(),
                selection.start() + layers.end()));
    }

    @Override
    public List<AudioBuffer> decodeBatch(TokenMatrix tokens) {
        return inner.decodeBatch(tokens);
    }

    @Override
    public void close() {
        // the wrapped tokenizer belongs to whoever created it (the runtime)
    }
}
