package io.voxtok.plugin.slmtokbench.common;

import io.voxtok.api.audio.AudioBuffer;
import io.voxtok.api.speaker.SpeakerEncoder;
import io.voxtok.metrics.speaker.SpeakerTrials;

/**
 * Speaker similarity with a speaker encoder of the SPI ({@link SpeakerEncoder}): the raw cosine of whole-utterance
 * embeddings, the same scoring as {@code voxtok speaker eer}, so the encoder's EER the host reports describes
 * exactly the numbers computed here. Immutable and thread-safe (the encoder is).
 */
public final class SpeakerSimilarity {
    private final SpeakerEncoder encoder;

    /** Similarity with {@code encoder} (owned by the host, not closed here). */
    public SpeakerSimilarity(SpeakerEncoder encoder) {
        this.encoder = java.util.Objects.requireNonNull(encoder);
    }

    /** The embedding of any audio (brought to the encoder's mono rate first). */
    public float[] embed(AudioBuffer audio) {
        return encoder.embed(BenchmarkAudio.monoAt(audio, encoder.spec().sampleRate()).toArray());
    }

    /** Cosine similarity of two embeddings from {@link #embed}. */
    public double cosine(float[] a, float[] b) {
        return SpeakerTrials.cosine(a, b);
    }

    /** How the numbers were made, for reports: the encoder's description (model and weights checksum). */
    public String description() {
        return encoder.spec().description() + ", raw cosine";
    }
}
