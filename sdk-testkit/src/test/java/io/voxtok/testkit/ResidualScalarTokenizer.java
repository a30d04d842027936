package io.voxtok.testkit;

import io.voxtok.api.ComponentId;
import io.voxtok.api.VoxtokException;
import io.voxtok.api.audio.AudioBuffer;
import io.voxtok.api.token.EncoderStream;
import io.voxtok.api.token.LayerRange;
import io.voxtok.api.token.StreamingTokenizer;
import io.voxtok.api.token.TokenMatrix;
import io.voxtok.api.token.TokenProducer;
import io.voxtok.api.token.TokenizerSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A tiny but genuine causal tokenizer used to exercise the kit: each frame of {@link #HOP} samples is reduced to
 * its mean, which {@link #LAYERS} residual scalar quantisers of 16 levels encode (layer {@code l} has step
 * {@code 0.125 / 16^l}). Decoding holds each frame's reconstructed mean for {@code HOP} samples.
 *
 * <p>A {@link Flaw} breaks exactly one contract, so tests can check that the kit notices.
 */
final class ResidualScalarTokenizer implements StreamingTokenizer {
    static final int RATE = 16000;
    static final int HOP = 4;
    static final int LAYERS = 3;
    static final int CODES = 16;
    private static final double STEP0 = 2.0 / CODES;

    /** One deliberate contract violation (or none). */
    enum Flaw {
        NONE, FLOOR_FRAMES, NON_DETERMINISTIC, BATCH_VALID_FRAMES_PADDED, STREAM_DROPS_PARTIAL_FRAME, ACCEPTS_NAN,
        WRONG_RATE_IS_ILLEGAL_ARGUMENT, IGNORES_PRODUCER, LAYER_RANGE_NOT_RESIDUAL, SECOND_CLOSE_THROWS,
        DECODE_ONE_SAMPLE_SHORT, LOOKS_AHEAD, DECLARES_NON_CAUSAL, EMPTY_GIVES_ZERO_FRAMES,
        /** Stamps its tokens with a codebook twice the spec's and lets loud frames use the upper half. */
        CODES_BEYOND_THE_CODEBOOK,
        /** Encodes and decodes layer ranges past its last layer instead of refusing them. */
        ACCEPTS_LAYERS_BEYOND,
        /** Refuses audio shorter than one hop although the kit is told one sample works. */
        REFUSES_SHORTEST_AUDIO,
        /** Encodes one sample although the kit is told the minimum is two hops. */
        ACCEPTS_SHORTER_THAN_MINIMUM,
        /** Downmixes audio of any channel count instead of refusing it. */
        ACCEPTS_ANY_CHANNEL_COUNT,
        /** Keeps the samples being encoded in one field shared by all calls (a data race). */
        SHARED_SCRATCH,
        /** Decodes every token to silence. */
        DECODES_SILENCE,
        /** Decodes at half the amplitude. */
        HALF_GAIN_DECODE
    }

    private final Flaw flaw;
    private final TokenizerSpec spec;
    private final TokenProducer producer = new TokenProducer("residual-scalar", "default", "none");
    private final AtomicInteger calls = new AtomicInteger();
    private final AtomicBoolean closed = new AtomicBoolean();
    /** Only used with {@link Flaw#SHARED_SCRATCH}. */
    private volatile float[] scratch;

    ResidualScalarTokenizer(Flaw flaw) {
        this.flaw = flaw;
        boolean causal = flaw != Flaw.DECLARES_NON_CAUSAL;
        this.spec = new TokenizerSpec(RATE, 1, HOP, LAYERS, CODES, 1, causal, causal);
    }

    /** The minimum number of samples a kit for this flaw should declare. */
    int declaredMinimumSamples() {
        return flaw == Flaw.ACCEPTS_SHORTER_THAN_MINIMUM ? 2 * HOP : 1;
    }

    @Override
    public ComponentId id() {
        return ComponentId.of("residual-scalar");
    }

    @Override
    public TokenizerSpec spec() {
        return spec;
    }

    @Override
    public TokenProducer producer() {
        return producer;
    }

    @Override
    public TokenMatrix encode(AudioBuffer audio, LayerRange layers) {
        if (audio.sampleRate() != RATE) {
            String message = "sample rate " + audio.sampleRate() + " Hz, expected " + RATE + " Hz";
            throw flaw == Flaw.WRONG_RATE_IS_ILLEGAL_ARGUMENT ? new IllegalArgumentException(message)
                    : VoxtokException.userInput(message);
        }
        if (audio.channels() != 1 && flaw != Flaw.ACCEPTS_ANY_CHANNEL_COUNT) {
            throw VoxtokException.userInput(audio.channels() + " channels, expected mono");
        }
        if (audio.frames() == 0 && flaw != Flaw.EMPTY_GIVES_ZERO_FRAMES) {
            throw VoxtokException.userInput("empty audio");
        }
        if (audio.frames() < HOP && flaw == Flaw.REFUSES_SHORTEST_AUDIO) {
            throw VoxtokException.userInput("audio of " + audio.frames() + " samples is too short: at least " + HOP);
        }
        float[] x = audio.channels() == 1 ? audio.toArray() : audio.channel(0);
        checkFinite(x);
        checkLayers(layers);
        if (flaw == Flaw.SHARED_SCRATCH) {
            scratch = x;
            pause();
            x = scratch;
        }
        int frames = flaw == Flaw.FLOOR_FRAMES ? x.length / HOP : spec.framesFor(x.length);
        int[][] codes = frameCodes(x, frames, layers, flaw == Flaw.LOOKS_AHEAD ? 2 * HOP : HOP,
                flaw == Flaw.LAYER_RANGE_NOT_RESIDUAL, flaw == Flaw.CODES_BEYOND_THE_CODEBOOK ? 2 * CODES : CODES);
        if (flaw == Flaw.NON_DETERMINISTIC && calls.incrementAndGet() % 2 == 0 && frames > 0) {
            codes[0][frames - 1] ^= 1;
        }
        return TokenMatrix.single(codes, layers.start(), flaw == Flaw.CODES_BEYOND_THE_CODEBOOK ? 2 * CODES : CODES,
                spec.frameRate(), producer);
    }

    @Override
    public TokenMatrix encodeBatch(List<AudioBuffer> items, LayerRange layers) {
        TokenMatrix batch = StreamingTokenizer.super.encodeBatch(items, layers);
        if (flaw != Flaw.BATCH_VALID_FRAMES_PADDED) {
            return batch;
        }
        int[] valid = new int[batch.batchSize()];
        Arrays.fill(valid, batch.frames());
        return TokenMatrix.of(batch.toArray(), batch.layers(), batch.batchSize(), batch.frames(), batch.firstLayer(),
                CODES, batch.frameRate(), valid, producer);
    }

    @Override
    public List<AudioBuffer> decodeBatch(TokenMatrix tokens) {
        if (flaw != Flaw.IGNORES_PRODUCER) {
            producer.requireSame(tokens.producer());
        }
        checkLayers(tokens.layerRange());
        List<AudioBuffer> out = new ArrayList<>();
        for (int b = 0; b < tokens.batchSize(); b++) {
            float[] y = frameSamples(tokens.itemCodes(b), tokens.firstLayer());
            if (flaw == Flaw.DECODE_ONE_SAMPLE_SHORT && y.length > 0) {
                y = Arrays.copyOf(y, y.length - 1);
            }
            for (int i = 0; i < y.length; i++) {
                y[i] = flaw == Flaw.DECODES_SILENCE ? 0f : flaw == Flaw.HALF_GAIN_DECODE ? y[i] / 2 : y[i];
            }
            out.add(AudioBuffer.ofMono(y, RATE));
        }
        return out;
    }

    /**
     * Codes of the first {@code frames} frames of {@code x}: each frame's mean over {@code span} samples from its
     * start, quantised residually from layer 0; {@code layers} are kept.
     *
     * @param floorFirstLayers round down instead of to nearest when fewer than all layers are asked for (a flaw)
     * @param codes            levels per layer (the clamp)
     */
    static int[][] frameCodes(float[] x, int frames, LayerRange layers, int span, boolean floorFirstLayers,
                              int codes) {
        int[][] out = new int[layers.size()][frames];
        for (int f = 0; f < frames; f++) {
            double sum = 0;
            for (int i = f * HOP; i < Math.min(x.length, f * HOP + span); i++) {
                sum += x[i];
            }
            double residual = sum / span;
            for (int l = 0; l < layers.end(); l++) {
                double scaled = residual / step(l);
                long q = floorFirstLayers && layers.end() < LAYERS ? (long) Math.floor(scaled) : Math.round(scaled);
                int code = (int) Math.max(0, Math.min(codes - 1, q + CODES / 2));
                residual -= (code - CODES / 2) * step(l);
                if (l >= layers.start()) {
                    out[l - layers.start()][f] = code;
                }
            }
        }
        return out;
    }

    /** Decoded samples of one item's codes {@code [layer][frame]}: each frame's value held for {@link #HOP}. */
    static float[] frameSamples(int[][] codes, int firstLayer) {
        int frames = codes.length == 0 ? 0 : codes[0].length;
        float[] y = new float[frames * HOP];
        for (int i = 0; i < y.length; i++) {
            double v = 0;
            for (int l = 0; l < codes.length; l++) {
                v += (codes[l][i / HOP] - CODES / 2) * step(firstLayer + l);
            }
            y[i] = (float) v;
        }
        return y;
    }

    @Override
    public EncoderStream openEncoderStream(LayerRange layers) {
        checkLayers(layers);
        return new EncoderStream() {
            private float[] pending = new float[0];

            @Override
            public TokenMatrix push(float[] samples) {
                checkFinite(samples);
                float[] all = Arrays.copyOf(pending, pending.length + samples.length);
                System.arraycopy(samples, 0, all, pending.length, samples.length);
                int whole = all.length / HOP * HOP;
                pending = flaw == Flaw.STREAM_DROPS_PARTIAL_FRAME ? new float[0]
                        : Arrays.copyOfRange(all, whole, all.length);
                return frames(Arrays.copyOf(all, whole));
            }

            @Override
            public TokenMatrix finish() {
                float[] tail = pending;
                pending = new float[0];
                return frames(tail);
            }

            private TokenMatrix frames(float[] samples) {
                if (samples.length == 0) {
                    return TokenMatrix.single(new int[layers.size()][0], layers.start(), CODES, spec.frameRate(),
                            producer);
                }
                return encode(AudioBuffer.ofMono(samples, RATE), layers);
            }

            @Override
            public void close() {
                pending = new float[0];
            }
        };
    }

    @Override
    public void close() {
        if (closed.getAndSet(true) && flaw == Flaw.SECOND_CLOSE_THROWS) {
            throw new IllegalStateException("already closed");
        }
    }

    static double step(int layer) {
        return STEP0 / Math.pow(CODES, layer);
    }

    private void checkFinite(float[] x) {
        if (flaw == Flaw.ACCEPTS_NAN) {
            return;
        }
        for (int i = 0; i < x.length; i++) {
            if (!Float.isFinite(x[i])) {
                throw VoxtokException.userInput("non-finite sample (" + x[i] + ") at index " + i);
            }
        }
    }

    private void checkLayers(LayerRange layers) {
        if (layers.end() > LAYERS && flaw != Flaw.ACCEPTS_LAYERS_BEYOND) {
            throw VoxtokException.userInput("layer range " + layers + " exceeds the " + LAYERS + " layers");
        }
    }

    /** Gives other threads time to overwrite the shared scratch field. */
    private static void pause() {
        try {
            Thread.sleep(2);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
