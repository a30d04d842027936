package io.voxtok.plugin.speakerencoder;

import io.voxtok.api.ComponentId;
import io.voxtok.api.speaker.SpeakerEncoder;
import io.voxtok.api.speaker.SpeakerEncoderSpec;
import io.voxtok.metrics.SpeakerEmbedding;

/**
 * The model-free baseline as a {@link SpeakerEncoder}: {@link SpeakerEmbedding}'s mean and standard deviation of 40
 * log-mel bands (80 values). No weights; thread-safe; closing is a no-op.
 */
public final class LogMelStatsSpeakerEncoder implements SpeakerEncoder {
    private final ComponentId id;
    private final SpeakerEncoderSpec spec = new SpeakerEncoderSpec(SpeakerEmbedding.SAMPLE_RATE,
            SpeakerEmbedding.DIMENSION, "model-free log-mel statistics (io.voxtok.metrics.SpeakerEmbedding: mean and "
            + "standard deviation of 40 log-mel bands)");

    /** @param id the component id */
    public LogMelStatsSpeakerEncoder(ComponentId id) {
        this.id = id;
    }

    @Override
    public ComponentId id() {
        return id;
    }

    @Override
    public SpeakerEncoderSpec spec() {
        return spec;
    }

    @Override
    public float[] embed(float[] samples) {
        double[] e = SpeakerEmbedding.of(samples);
        float[] out = new float[e.length];
        for (int i = 0; i < e.length; i++) {
            out[i] = (float) e[i];
        }
        return out;
    }

    @Override
    public void close() {
        // nothing held
    }
}
