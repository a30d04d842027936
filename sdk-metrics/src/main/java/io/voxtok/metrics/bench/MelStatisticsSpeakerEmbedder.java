package io.voxtok.metrics.bench;

import io.voxtok.api.VoxtokException;
import io.voxtok.api.audio.AudioBuffer;
import io.voxtok.metrics.SpeakerEmbedding;

/**
 * The default, model-free {@link SpeakerEmbedder}: {@link SpeakerEmbedding} (mean and deviation of 40 log-mel
 * bands, 16 kHz). Crude, but needs no weights; reports name it so its SIM values are not mistaken for a
 * verification model's (the paper uses WavLM-TDNN).
 */
public final class MelStatisticsSpeakerEmbedder implements SpeakerEmbedder {
    @Override
    public String name() {
        return "model-free log-mel statistics (SpeakerEmbedding: mean+std of " + SpeakerEmbedding.MELS
                + " log-mel bands, standardised over the corpus)";
    }

    @Override
    public int sampleRate() {
        return SpeakerEmbedding.SAMPLE_RATE;
    }

    @Override
    public double[] embed(AudioBuffer audio) {
        if (audio.sampleRate() != SpeakerEmbedding.SAMPLE_RATE || audio.channels() != 1) {
            throw VoxtokException.userInput("speaker embedding expects mono " + SpeakerEmbedding.SAMPLE_RATE
                    + " Hz audio, got " + audio);
        }
        return SpeakerEmbedding.of(audio.toArray());
    }

    @Override
    public boolean standardise() {
        // Raw log-mel statistics are all of one sign and dominated by the loudest bands: cosines would all be ~1.
        return true;
    }
}
