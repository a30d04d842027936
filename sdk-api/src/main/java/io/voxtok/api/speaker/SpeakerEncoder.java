package io.voxtok.api.speaker;

import io.voxtok.api.Component;

/**
 * Maps an utterance to a fixed-length speaker embedding; two utterances of one voice should have a high cosine
 * similarity, two voices a low one. Thread-safe for concurrent {@link #embed} calls.
 */
public interface SpeakerEncoder extends Component {
    /** Input and output description. */
    SpeakerEncoderSpec spec();

    /**
     * The embedding of one utterance.
     *
     * @param samples mono audio at {@code spec().sampleRate()}, values in about [-1, 1]
     * @return {@code spec().dimension()} values (not necessarily unit length; compare by cosine)
     * @throws io.voxtok.api.VoxtokException USER_INPUT when the audio is too short for the encoder
     */
    float[] embed(float[] samples);
}
