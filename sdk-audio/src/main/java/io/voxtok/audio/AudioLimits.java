package io.voxtok.audio;

import java.nio.file.Path;

/**
 * The bounds every reader of this package applies to what a file declares, so that a hostile or damaged header is
 * refused at read time instead of hanging or exhausting memory later (issue #16).
 */
final class AudioLimits {
    /**
     * Lowest accepted sample rate. Real audio is never stored below 1 kHz (telephony is 8 kHz), while a rate of 1 or
     * 8 Hz makes resampling to 16 kHz build a filter thousands of taps long per output sample and never finish.
     */
    static final int MIN_SAMPLE_RATE = 1000;
    /** Highest accepted sample rate: 768 kHz, the highest rate audio interfaces record at. */
    static final int MAX_SAMPLE_RATE = 768_000;
    /**
     * Largest accepted magnitude of a float sample: +36 dBFS. Float WAV files legitimately go past full scale (1.0)
     * by some dB of headroom; values far beyond that (1e30) are garbage that overflows the models into all-zero
     * codes, so they are refused rather than clipped, which would hide a broken file.
     */
    static final float MAX_FLOAT_MAGNITUDE = 64f;

    private AudioLimits() {
    }

    /** Refuses a sample rate outside [{@link #MIN_SAMPLE_RATE}, {@link #MAX_SAMPLE_RATE}], naming the field. */
    static void checkSampleRate(Path file, String field, long rate) {
        if (rate < MIN_SAMPLE_RATE || rate > MAX_SAMPLE_RATE) {
            throw AudioFileErrors.badInput(file, "unsupported sample rate " + rate + " Hz in " + field
                    + " (expected " + MIN_SAMPLE_RATE + " to " + MAX_SAMPLE_RATE + " Hz)");
        }
    }

    /** Refuses a NaN, infinite or absurdly large float sample, naming its position. */
    static void checkFloatSamples(Path file, float[] samples, int from, int to, int channels) {
        for (int i = from; i < to; i++) {
            float v = samples[i];
            if (!(Math.abs(v) <= MAX_FLOAT_MAGNITUDE)) { // also true for NaN
                String what = Float.isNaN(v) ? "NaN" : Float.isInfinite(v) ? "infinite" : "out-of-range";
                throw AudioFileErrors.badInput(file, what + " float sample " + v + " in 'data' at frame "
                        + (i / channels) + ", channel " + (i % channels) + " (accepted: finite, |x| <= "
                        + MAX_FLOAT_MAGNITUDE + ")");
            }
        }
    }
}
