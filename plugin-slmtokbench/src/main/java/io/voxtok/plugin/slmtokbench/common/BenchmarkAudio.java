package io.voxtok.plugin.slmtokbench.common;

import io.voxtok.api.audio.AudioBuffer;
import io.voxtok.audio.Resampler;

/** Brings audio to the mono rate a metric (recogniser, speaker encoder) expects. */
public final class BenchmarkAudio {
    private BenchmarkAudio() {
    }

    /** {@code audio} as mono at {@code rate} (unchanged when it already is). */
    public static AudioBuffer monoAt(AudioBuffer audio, int rate) {
        AudioBuffer mono = audio.channels() == 1 ? audio : audio.toMono();
        return mono.sampleRate() == rate ? mono : Resampler.resample(mono, rate);
    }

    /** Both buffers cut to the shorter one's length (decoders pad to whole frames). */
    public static AudioBuffer[] sameLength(AudioBuffer a, AudioBuffer b) {
        int n = Math.min(a.frames(), b.frames());
        return new AudioBuffer[] {a.slice(0, n), b.slice(0, n)};
    }
}
