package org.example.mulaw;

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
import java.util.List;

/**
 * An 8-bit mu-law tokenizer: 8 kHz mono audio, one layer of 256 codes, one token per sample (hop 1, 8000
 * frames/s, 64 kbit/s), see {@link MulawCodec}. Causal and streamable, since each token depends on its sample
 * only.
 *
 * <p>Stateless and thread-safe; it holds no resources, so {@link #close()} does nothing.
 */
public final class MulawTokenizer implements StreamingTokenizer {
    /** The only accepted sample rate, in Hz. */
    public static final int SAMPLE_RATE = 8000;
    /** The component id, {@code mulaw:default}. */
    public static final ComponentId ID = ComponentId.of("mulaw");
    /** 8 kHz mono, hop 1, one layer of 256 codes, causal, streamable. */
    public static final TokenizerSpec SPEC = new TokenizerSpec(SAMPLE_RATE, 1, 1, 1, MulawCodec.LEVELS, 0, true, true);
    /** Stamped on every token matrix: weightless, so the hash is {@code "none"}. */
    public static final TokenProducer PRODUCER = new TokenProducer(ID.name(), ID.variant(), "none");

    @Override
    public ComponentId id() {
        return ID;
    }

    @Override
    public TokenizerSpec spec() {
        return SPEC;
    }

    @Override
    public TokenProducer producer() {
        return PRODUCER;
    }

    /**
     * {@inheritDoc}
     *
     * @throws VoxtokException {@code USER_INPUT} for a rate other than 8000 Hz, more than one channel, empty or
     *                         non-finite audio, or layers other than {@code [0, 1)}
     */
    @Override
    public TokenMatrix encode(AudioBuffer audio, LayerRange layers) {
        if (audio.sampleRate() != SAMPLE_RATE) {
            throw VoxtokException.userInput("mulaw needs audio at sample rate " + SAMPLE_RATE + " Hz but got "
                    + audio.sampleRate() + " Hz; resample it first");
        }
        if (audio.channels() != 1) {
            throw VoxtokException.userInput("mulaw needs mono audio but got " + audio.channels() + " channels");
        }
        if (audio.frames() == 0) {
            throw VoxtokException.userInput("mulaw cannot encode empty audio (0 samples)");
        }
        checkLayers(layers);
        return tokens(encodeSamples(audio.toArray()));
    }

    /**
     * {@inheritDoc}
     *
     * @throws VoxtokException {@code USER_INPUT} for tokens of another producer or of layers other than [0, 1)
     */
    @Override
    public List<AudioBuffer> decodeBatch(TokenMatrix tokens) {
        PRODUCER.requireSame(tokens.producer());
        checkLayers(tokens.layerRange());
        List<AudioBuffer> out = new ArrayList<>(tokens.batchSize());
        for (int item = 0; item < tokens.batchSize(); item++) {
            int[] codes = tokens.itemCodes(item)[0];
            float[] samples = new float[codes.length];
            for (int i = 0; i < codes.length; i++) {
                samples[i] = MulawCodec.decode(codes[i]);
            }
            out.add(AudioBuffer.ofMono(samples, SAMPLE_RATE));
        }
        return out;
    }

    /** {@inheritDoc} Only the single layer {@code [0, 1)} exists. */
    @Override
    public EncoderStream openEncoderStream(LayerRange layers) {
        checkLayers(layers);
        return new MulawEncoderStream(this);
    }

    /** Nothing to release. */
    @Override
    public void close() {
        // Weightless and stateless: no resources.
    }

    /** Codes of mono samples, refusing non-finite ones (used by {@link MulawEncoderStream} too). */
    static int[] encodeSamples(float[] samples) {
        int[] codes = new int[samples.length];
        for (int i = 0; i < samples.length; i++) {
            if (!Float.isFinite(samples[i])) {
                throw VoxtokException.userInput("audio sample " + i + " is " + samples[i]
                        + "; mulaw needs finite samples (no NaN or infinite values)");
            }
            codes[i] = MulawCodec.encode(samples[i]);
        }
        return codes;
    }

    /** A one-layer, one-item matrix stamped with {@link #PRODUCER}. */
    static TokenMatrix tokens(int[] codes) {
        return TokenMatrix.single(new int[][] {codes}, 0, MulawCodec.LEVELS, SPEC.frameRate(), PRODUCER);
    }

    private static void checkLayers(LayerRange layers) {
        if (layers.start() != 0 || layers.end() != 1) {
            throw VoxtokException.userInput("mulaw has a single layer [0,1) but layer range " + layers
                    + " was requested");
        }
    }
}
