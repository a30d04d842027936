package io.voxtok.plugin.encodec;

import io.voxtok.api.ComponentId;
import io.voxtok.api.VoxtokException;
import io.voxtok.api.audio.AudioBuffer;
import io.voxtok.api.bench.ProgressListener;
import io.voxtok.api.token.ComputeCost;
import io.voxtok.api.token.LayerRange;
import io.voxtok.api.token.TokenMatrix;
import io.voxtok.api.token.TokenProducer;
import io.voxtok.api.token.Tokenizer;
import io.voxtok.api.token.TokenizerSpec;
import io.voxtok.plugin.encodec.model.EncodecConfig;
import io.voxtok.plugin.encodec.model.EncodecFlops;
import io.voxtok.plugin.encodec.model.EncodecModel;
import io.voxtok.plugin.encodec.model.EncodedFrame;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The EnCodec 48 kHz tokenizer ({@code encodec:48khz}): the official stereo, non-causal model that cuts audio into
 * 1 s segments with 1 % overlap, each loudness-normalised with its own scale (SPEC 4.4), at one bandwidth of its
 * ladder. Codes of all segments form one frame sequence with the scales and segment frame counts as side
 * information ({@link SegmentedTokenLayout} gives the rule); {@code decode} is the official
 * {@code decode(encode(x))}, overlap-add included, of {@code (n - 1) * stride + frames_last * hop} samples.
 *
 * <p>Not causal (segments and time group norm look at the whole second) and so not streamable. Because overlapping
 * 480-sample stretches are coded once per segment, an item of {@code L} samples has more than {@code ceil(L / hop)}
 * frames as soon as {@code L > 47 520} (e.g. 10 s: 11 segments, 1 515 frames instead of 1 500), and decodes to fewer than
 * {@code frames * hop} samples; below that (one segment) both follow the usual rule. The spec declares the
 * segmentation ({@link TokenizerSpec#segmentation()}), so {@code spec().framesFor(L)} and
 * {@code spec().decodedSamplesFor(L)} are these numbers. Where the official decoder fails ({@code L mod 47 520} in
 * 161..320) this one returns the end of the furthest-reaching segment (see {@link SegmentedTokenLayout}).
 *
 * <p>Thread-safe: the weights are immutable and each call works in its own native scratch memory; items of a batch
 * are encoded one after the other, so each gets exactly its codes alone.
 */
public final class Encodec48kTokenizer implements Tokenizer, ComputeCost {
    private final ComponentId id;
    private final EncodecModel model;
    private final double bandwidthKbps;
    private final TokenizerSpec spec;
    private final TokenProducer producer;
    private final AtomicBoolean closed = new AtomicBoolean();

    /**
     * @param model         a segmented, loudness-normalising model (owned from now on); its id is
     *                      {@code encodec:<rate>} ({@code encodec:48khz})
     * @param bandwidthKbps a bandwidth of the model's ladder
     */
    public Encodec48kTokenizer(EncodecModel model, double bandwidthKbps) {
        EncodecConfig c = model.config();
        if (!c.segmented() || !c.audioNormalize()) {
            throw VoxtokException.userInput("the EnCodec 48 kHz tokenizer needs a segmented model with loudness "
                    + "normalisation (the 48 kHz layout); " + c.name() + " has segment " + c.segmentSeconds()
                    + " s, normalize " + c.audioNormalize());
        }
        this.id = new ComponentId("encodec", c.variant());
        this.model = model;
        this.bandwidthKbps = bandwidthKbps;
        this.spec = spec(c, bandwidthKbps);
        this.producer = new TokenProducer(id.name(), id.variant(), model.weightsId());
    }

    /**
     * The spec of a segmented model at a bandwidth: not causal, not streamable, and segmented as the model is, so
     * that {@link TokenizerSpec#framesFor(int)} and {@link TokenizerSpec#decodedSamplesFor(int)} give the lengths
     * of {@link SegmentedTokenLayout}.
     */
    static TokenizerSpec spec(EncodecConfig c, double bandwidthKbps) {
        return new TokenizerSpec(c.sampleRate(), c.channels(), c.hopLength(), c.codebooksFor(bandwidthKbps), c.bins(),
                0, false, false).withSegmentation(SegmentedTokenLayout.segmentation(c));
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

    /**
     * Encodes one item: the concatenated segment codes, with side information {@value SegmentedTokenLayout#SCALE}
     * and {@value SegmentedTokenLayout#SEGMENT_FRAMES} (one value per segment).
     */
    @Override
    public TokenMatrix encode(AudioBuffer audio, LayerRange layers) {
        return encodeBatch(List.of(audio), layers);
    }

    /** Reports one step per 1 s segment. */
    @Override
    public TokenMatrix encode(AudioBuffer audio, LayerRange layers, ProgressListener progress) {
        return encodeItems(List.of(audio), layers, progress);
    }

    @Override
    public TokenMatrix encodeBatch(List<AudioBuffer> items, LayerRange layers) {
        return encodeItems(items, layers, ProgressListener.none());
    }

    private TokenMatrix encodeItems(List<AudioBuffer> items, LayerRange layers, ProgressListener progress) {
        requireOpen();
        EncodecInputChecks.checkLayers(id, spec, bandwidthKbps, model.config(), layers);
        if (items.isEmpty()) {
            throw VoxtokException.userInput("encodeBatch needs at least one item");
        }
        for (int i = 0; i < items.size(); i++) {
            EncodecInputChecks.checkAudio(id, spec, items.get(i), items.size() == 1 ? "audio" : "batch item " + i);
        }
        List<TokenMatrix> matrices = new ArrayList<>(items.size());
        for (AudioBuffer a : items) {
            float[][] planar = new float[a.channels()][];
            for (int ch = 0; ch < planar.length; ch++) {
                planar[ch] = a.channel(ch);
            }
            List<EncodedFrame> segments = model.encode(planar, layers.start(), layers.end(), progress);
            TokenMatrix m = TokenMatrix.single(SegmentedTokenLayout.concatenate(segments), layers.start(),
                    spec.codebookSize(), spec.frameRate(), producer);
            matrices.add(m.withSideInfo(SegmentedTokenLayout.SCALE,
                            new float[][] {SegmentedTokenLayout.scales(segments)})
                    .withSideInfo(SegmentedTokenLayout.SEGMENT_FRAMES,
                            new float[][] {SegmentedTokenLayout.frameCounts(segments)}));
        }
        return matrices.size() == 1 ? matrices.get(0) : TokenMatrix.stack(matrices);
    }

    /**
     * Decodes each item as the official {@code decode(frames)}: the segments given by the side information,
     * each decoded and multiplied by its scale, joined by the linear overlap-add. An item without valid frames
     * decodes to no samples.
     */
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
        Map<String, float[][]> side = tokens.sideInfo();
        float[][] scales = requireSide(side, SegmentedTokenLayout.SCALE, "one loudness scale per 1 s segment");
        float[][] counts = requireSide(side, SegmentedTokenLayout.SEGMENT_FRAMES, "the frame count of each segment");
        List<AudioBuffer> out = new ArrayList<>(tokens.batchSize());
        for (int i = 0; i < tokens.batchSize(); i++) {
            String what = tokens.batchSize() == 1 ? "tokens" : "token item " + i;
            List<EncodedFrame> segments = SegmentedTokenLayout.split(model.config(), tokens.itemCodes(i), scales[i],
                    counts[i], what);
            if (segments.isEmpty()) {
                out.add(AudioBuffer.ofPlanar(new float[spec.channels()][0], spec.sampleRate()));
            } else {
                out.add(AudioBuffer.ofPlanar(model.decode(segments, tokens.firstLayer()), spec.sampleRate()));
            }
        }
        return out;
    }

    /** Encoding FLOPs per second, counting the 1 % of audio every segment overlap codes twice. */
    @Override
    public double encodeFlopsPerSecond() {
        return EncodecFlops.encodePerSecond(model.config(), spec.numLayers()) * overlapFactor();
    }

    /** Decoding FLOPs per second, counting the 1 % of audio every segment overlap decodes twice. */
    @Override
    public double decodeFlopsPerSecond() {
        return EncodecFlops.decodePerSecond(model.config()) * overlapFactor();
    }

    /** Frees the weights; idempotent. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            model.close();
        }
    }

    private double overlapFactor() {
        return model.config().segmentLength() / (double) model.config().segmentStride();
    }

    private float[][] requireSide(Map<String, float[][]> side, String name, String holds) {
        float[][] v = side.get(name);
        if (v == null) {
            throw VoxtokException.userInput("the tokens carry no side information '" + name + "' (" + holds
                    + "), which " + id + " needs to decode; they hold " + (side.isEmpty() ? "none"
                    : "only " + side.keySet()) + " (a token file written without side information cannot be "
                    + "decoded by this tokenizer)");
        }
        return v;
    }

    private void requireOpen() {
        if (closed.get()) {
            throw new IllegalStateException("the " + id + " tokenizer is closed");
        }
    }
}
