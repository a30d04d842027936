package io.voxtok.plugin.encodec;

import io.voxtok.api.ComponentId;
import io.voxtok.api.VoxtokException;
import io.voxtok.api.audio.AudioBuffer;
import io.voxtok.api.token.LayerRange;
import io.voxtok.api.token.TokenizerSpec;
import io.voxtok.plugin.encodec.model.EncodecConfig;

/** Input checks shared by the 24 kHz and 48 kHz tokenizers; every failure is a USER_INPUT error naming the input. */
final class EncodecInputChecks {
    private EncodecInputChecks() {
    }

    /** Refuses layer ranges beyond the codebooks of the chosen bandwidth. */
    static void checkLayers(ComponentId id, TokenizerSpec spec, double kbps, EncodecConfig config, LayerRange layers) {
        if (layers.end() > spec.numLayers()) {
            throw VoxtokException.userInput("layers " + layers + " requested but the " + id + " tokenizer has "
                    + spec.numLayers() + " layer(s) at " + EncodecConfig.formatKbps(kbps)
                    + " kbps (valid bandwidths: " + config.ladder() + " kbps)");
        }
    }

    /** Refuses audio of another rate or channel count, empty audio and non-finite samples. */
    static void checkAudio(ComponentId id, TokenizerSpec spec, AudioBuffer a, String what) {
        if (a.sampleRate() != spec.sampleRate()) {
            throw VoxtokException.userInput(what + " has sample rate " + a.sampleRate() + " Hz but " + id
                    + " needs " + spec.sampleRate() + " Hz; resample it first");
        }
        if (a.channels() != spec.channels()) {
            throw VoxtokException.userInput(what + " has " + a.channels() + " channel(s) but " + id + " needs "
                    + spec.channels() + (spec.channels() == 1 ? " (mono; mix it down first)"
                    : " channels (stereo; duplicate a mono channel)"));
        }
        if (a.frames() == 0) {
            throw VoxtokException.userInput(what + " is empty: nothing to encode");
        }
        checkFinite(a.toArray(), a.channels(), what);
    }

    /** Refuses NaN or infinite samples in interleaved audio, naming frame and channel. */
    static void checkFinite(float[] samples, int channels, String what) {
        for (int i = 0; i < samples.length; i++) {
            if (!Float.isFinite(samples[i])) {
                throw VoxtokException.userInput(what + " contains a non-finite sample (" + samples[i] + ", i.e. "
                        + (Float.isNaN(samples[i]) ? "NaN" : "infinite") + ") at frame " + i / channels
                        + (channels > 1 ? ", channel " + i % channels : ""));
            }
        }
    }
}
