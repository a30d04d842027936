package io.voxtok.api.text;

import io.voxtok.api.audio.AudioBuffer;

/**
 * Speech recognition used for WER metrics. Implementations state their model and normalisation; thread
 * safety is per implementation (documented there). Close to free the model.
 */
public interface Transcriber extends AutoCloseable {
    /** Sample rate the recogniser expects; callers resample. */
    int sampleRate();

    /** The recognised text, lower case, without punctuation. */
    String transcribe(AudioBuffer audio);

    @Override
    void close();
}
