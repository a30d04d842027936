package io.voxtok.plugin.encodec;

import io.voxtok.api.ComponentId;
import io.voxtok.api.VoxtokException;
import io.voxtok.api.audio.AudioBuffer;
import io.voxtok.api.token.ComputeCost;
import io.voxtok.api.token.EncoderStream;
import io.voxtok.api.token.LayerRange;
import io.voxtok.api.token.StreamingTokenizer;
import io.voxtok.api.token.TokenMatrix;
import io.voxtok.api.token.TokenProducer;
import io.voxtok.api.token.TokenizerSpec;
import io.voxtok.nn.profile.BlockCost;
import io.voxtok.nn.profile.ProfiledTokenizer;
import io.voxtok.nn.profile.TokenizerProfile;
import io.voxtok.plugin.encodec.model.EncodecConfig;
import io.voxtok.plugin.encodec.model.EncodecEncoderStream;
import io.voxtok.plugin.encodec.model.EncodecFlops;
import io.voxtok.plugin.encodec.model.EncodecModel;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The EnCodec 24 kHz tokenizer: the official model at one bandwidth of its ladder ({@code bandwidth_kbps}), whose
 * codebooks are the token layers. Causal, so it also streams ({@link #openEncoderStream}); chunked and whole-file
 * codes are identical.
 *
 * <p>Thread-safe: the weights are immutable and each call works in its own native scratch memory.
 */
public final class EncodecTokenizer implements StreamingTokenizer, ComputeCost, ProfiledTokenizer {
    private final ComponentId id;
    private final EncodecModel model;
    private final double bandwidthKbps;
    private final TokenizerSpec spec;
    private final TokenProducer producer;
    private final AtomicBoolean closed = new AtomicBoolean();

    /**
     * @param id            the component id (its variant is the producer's variant)
     * @param model         a causal, unsegmented, mono model (owned from now on)
     * @param bandwidthKbps a bandwidth of the model's ladder
     */
    public EncodecTokenizer(ComponentId id, EncodecModel model, double bandwidthKbps) {
        EncodecConfig c = model.config();
        if (c.channels() != 1 || !c.causal() || c.segmented() || c.audioNormalize()) {
            throw VoxtokException.userInput("the " + id + " tokenizer needs a causal, mono, unsegmented EnCodec "
                    + "model without loudness normalisation (the 24 kHz layout); " + c.name() + " is not: "
                    + c.channels() + " channel(s), causal " + c.causal() + ", segment " + c.segmentSeconds()
                    + " s, normalize " + c.audioNormalize());
        }
        this.id = id;
        this.model = model;
        this.bandwidthKbps = bandwidthKbps;
        int layers = c.codebooksFor(bandwidthKbps);
        this.spec = new TokenizerSpec(c.sampleRate(), 1, c.hopLength(), layers, c.bins(), 0, true, true);
        this.producer = new TokenProducer(id.name(), id.variant(), model.weightsId());
    }

    @Override
    public ComponentId id() {
        return id;
    }

    @Override
    public TokenizerSpec spec() {
        return spec;
    }

    @Override
    public TokenProducer producer() {
        return producer;
    }

    /** {@code {"bandwidth_kbps": "6"}}: the bandwidth the codes were made at. */
    @Override
    public Map<String, String> tokenMetadata() {
        return Map.of("bandwidth_kbps", EncodecConfig.formatKbps(bandwidthKbps));
    }

    /** The bandwidth in kbps. */
    public double bandwidthKbps() {
        return bandwidthKbps;
    }

    /** The underlying model. */
    public EncodecModel model() {
        return model;
    }

    @Override
    public TokenMatrix encode(AudioBuffer audio, LayerRange layers) {
        return encodeBatch(List.of(audio), layers);
    }

    @Override
    public TokenMatrix encodeBatch(List<AudioBuffer> items, LayerRange layers) {
        requireOpen();
        EncodecInputChecks.checkLayers(id, spec, bandwidthKbps, model.config(), layers);
        if (items.isEmpty()) {
            throw VoxtokException.userInput("encodeBatch needs at least one item");
        }
        List<float[][]> inputs = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            AudioBuffer a = items.get(i);
            EncodecInputChecks.checkAudio(id, spec, a, items.size() == 1 ? "audio" : "batch item " + i);
            inputs.add(new float[][] {a.toArray()});
        }
        int[][][] codes = model.encodeItems(inputs, layers.start(), layers.end());
        List<TokenMatrix> matrices = new ArrayList<>(codes.length);
        for (int[][] c : codes) {
            matrices.add(TokenMatrix.single(c, layers.start(), spec.codebookSize(), spec.frameRate(), producer));
        }
        return matrices.size() == 1 ? matrices.get(0) : TokenMatrix.stack(matrices);
    }

    @Override
    public List<AudioBuffer> decodeBatch(TokenMatrix tokens) {
        requireOpen();
        producer.requireSame(tokens.producer());
        if (tokens.firstLayer() + tokens.layers() > spec.numLayers()) {
            throw VoxtokException.userInput("tokens hold layers " + tokens.layerRange() + " but this tokenizer has "
                    + spec.numLayers() + " layer(s) at " + EncodecConfig.formatKbps(bandwidthKbps) + " kbps");
        }
        if (tokens.codebookSize() != spec.codebookSize()) {
            throw VoxtokException.userInput("tokens have codebook size " + tokens.codebookSize() + ", this tokenizer "
                    + spec.codebookSize());
        }
        List<AudioBuffer> out = new ArrayList<>(tokens.batchSize());
        List<int[][]> items = new ArrayList<>();
        List<Integer> nonEmpty = new ArrayList<>();
        for (int i = 0; i < tokens.batchSize(); i++) {
            if (tokens.validFrames(i) > 0) {
                items.add(tokens.itemCodes(i));
                nonEmpty.add(i);
            }
        }
        float[][][] audio = items.isEmpty() ? new float[0][][] : model.decodeItems(items, tokens.firstLayer());
        int k = 0;
        for (int i = 0; i < tokens.batchSize(); i++) {
            if (k < nonEmpty.size() && nonEmpty.get(k) == i) {
                out.add(AudioBuffer.ofMono(audio[k++][0], spec.sampleRate()));
            } else {
                out.add(AudioBuffer.ofMono(new float[0], spec.sampleRate()));
            }
        }
        return out;
    }

    @Override
    public EncoderStream openEncoderStream(LayerRange layers) {
        requireOpen();
        EncodecInputChecks.checkLayers(id, spec, bandwidthKbps, model.config(), layers);
        EncodecEncoderStream stream = model.openEncoderStream(layers.start(), layers.end());
        return new EncoderStream() {
            @Override
            public TokenMatrix push(float[] samples) {
                EncodecInputChecks.checkFinite(samples, 1, "pushed samples");
                return matrix(stream.push(new float[][] {samples}));
            }

            @Override
            public TokenMatrix finish() {
                return matrix(stream.finish());
            }

            @Override
            public void close() {
                stream.close();
            }

            private TokenMatrix matrix(int[][] codes) {
                return TokenMatrix.single(codes, layers.start(), spec.codebookSize(), spec.frameRate(), producer);
            }
        };
    }

    @Override
    public double encodeFlopsPerSecond() {
        return EncodecFlops.encodePerSecond(model.config(), spec.numLayers());
    }

    @Override
    public double decodeFlopsPerSecond() {
        return EncodecFlops.decodePerSecond(model.config());
    }

    @Override
    public List<BlockCost> encodeCosts(int samples) {
        return model.profiler().encodeCosts(1, samples, spec.numLayers());
    }

    @Override
    public List<BlockCost> decodeCosts(int samples) {
        return model.profiler().decodeCosts(spec.framesFor(samples), spec.numLayers());
    }

    /** {@inheritDoc} The codebooks of this tokenizer's bandwidth. */
    @Override
    public TokenizerProfile profile(AudioBuffer audio, int warmups, int runs) {
        requireOpen();
        EncodecInputChecks.checkAudio(id, spec, audio, "audio");
        return model.profile(audio.toArray(), spec.numLayers(), warmups, runs);
    }

    /** Frees the weights; idempotent. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            model.close();
        }
    }

    private void requireOpen() {
        if (closed.get()) {
            throw new IllegalStateException("the " + id + " tokenizer is closed");
        }
    }
}
