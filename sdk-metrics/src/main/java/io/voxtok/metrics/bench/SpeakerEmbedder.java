package io.voxtok.metrics.bench;

import io.voxtok.api.audio.AudioBuffer;

/**
 * Turns speech into a fixed-length speaker embedding, so speaker similarity (SLMTokBench's SIM, the voice
 * conversion table) can be computed with any encoder: the model-free {@link MelStatisticsSpeakerEmbedder} by
 * default, a trained speaker encoder when one is installed. Implementations are thread-safe.
 */
public interface SpeakerEmbedder {
    /** A human-readable name written into reports next to every SIM value, e.g. the model and its version. */
    String name();

    /** Sample rate (mono) that {@link #embed} expects. */
    int sampleRate();

    /**
     * The embedding of one mono utterance at {@link #sampleRate()}.
     *
     * @throws io.voxtok.api.VoxtokException (USER_INPUT) when the audio is too short or has the wrong rate
     */
    double[] embed(AudioBuffer audio);

    /**
     * Whether embeddings should be standardised (per dimension, with the mean and deviation of the corpus'
     * original utterances) before cosine similarity. True for hand-made statistics whose raw dimensions are on
     * different scales; trained encoders are normally compared as they are, so they return false.
     */
    default boolean standardise() {
        return false;
    }
}
