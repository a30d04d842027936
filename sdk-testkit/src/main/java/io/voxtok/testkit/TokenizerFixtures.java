package io.voxtok.testkit;

import io.voxtok.api.audio.AudioBuffer;
import io.voxtok.api.token.TokenizerSpec;
import java.util.Random;

/**
 * Deterministic synthetic test audio for tokenizer tests: a speech-like signal (a gliding fundamental with
 * vibrato, harmonics shaped by two formant-like bumps, a syllable-rate envelope and a little seeded noise).
 * The same arguments always give the same samples, on every JVM, so codes can be compared exactly.
 *
 * <p>Stateless and thread-safe.
 */
public final class TokenizerFixtures {
    /** Peak amplitude of the generated signal: loud speech, well inside [-1, 1]. */
    public static final float PEAK = 0.5f;

    private TokenizerFixtures() {
    }

    /**
     * A mono speech-like signal.
     *
     * @param samples    number of samples (0 allowed)
     * @param sampleRate sample rate in Hz; harmonics stay below 0.45 of it, so the signal is band-limited
     * @param seed       selects the pitch contour, formant weights and noise
     * @return {@code samples} values with peak absolute value {@link #PEAK} (unless all zero)
     */
    public static float[] speechLike(int samples, int sampleRate, long seed) {
        if (samples < 0 || sampleRate <= 0) {
            throw new IllegalArgumentException("samples must be >= 0 and sampleRate > 0");
        }
        Random random = new Random(seed);
        double f0 = 100 + 80 * random.nextDouble();
        double glidePhase = 2 * Math.PI * random.nextDouble();
        double envelopePhase = Math.PI * random.nextDouble();
        double formant1 = 500 + 400 * random.nextDouble();
        double formant2 = 1100 + 900 * random.nextDouble();
        double maxF0 = f0 * 1.15 * 1.02;
        int harmonics = Math.max(1, (int) Math.floor(0.45 * sampleRate / maxF0));
        double[] amplitude = new double[harmonics];
        for (int k = 1; k <= harmonics; k++) {
            double f = k * f0;
            // 1/k spectral tilt of a glottal source, with two vowel-like resonances on top.
            amplitude[k - 1] = (1.0 / k) * (1 + 3 * bump(f, formant1, 150) + 2 * bump(f, formant2, 250));
        }
        double[] out = new double[samples];
        double phase = 0;
        double peak = 0;
        for (int i = 0; i < samples; i++) {
            double t = i / (double) sampleRate;
            double pitch = f0 * (1 + 0.15 * Math.sin(2 * Math.PI * 0.7 * t + glidePhase))
                    * (1 + 0.02 * Math.sin(2 * Math.PI * 5.5 * t));
            phase += 2 * Math.PI * pitch / sampleRate;
            double voiced = 0;
            for (int k = 0; k < harmonics; k++) {
                voiced += amplitude[k] * Math.sin((k + 1) * phase);
            }
            double syllable = Math.sin(Math.PI * 4 * t + envelopePhase);
            double envelope = 0.15 + 0.85 * syllable * syllable;
            out[i] = envelope * voiced + 0.05 * random.nextGaussian();
            peak = Math.max(peak, Math.abs(out[i]));
        }
        float[] result = new float[samples];
        double scale = peak > 0 ? PEAK / peak : 0;
        for (int i = 0; i < samples; i++) {
            result[i] = (float) (out[i] * scale);
        }
        return result;
    }

    /**
     * Speech-like audio in the tokenizer's format: {@code spec.sampleRate()} Hz and {@code spec.channels()}
     * channels, each channel generated with its own seed ({@code seed + channel}).
     */
    public static AudioBuffer speechLike(TokenizerSpec spec, int samples, long seed) {
        float[][] planar = new float[spec.channels()][];
        for (int ch = 0; ch < planar.length; ch++) {
            planar[ch] = speechLike(samples, spec.sampleRate(), seed + ch);
        }
        return AudioBuffer.ofPlanar(planar, spec.sampleRate());
    }

    /**
     * A length in samples relative to the hop: {@code frames * hopLength + extraSamples}. With
     * {@code 0 < extraSamples < hopLength} the length is not a multiple of the hop, so the last frame is padded.
     */
    public static int samplesFor(TokenizerSpec spec, int frames, int extraSamples) {
        return Math.addExact(Math.multiplyExact(frames, spec.hopLength()), extraSamples);
    }

    private static double bump(double f, double centre, double width) {
        double z = (f - centre) / width;
        return Math.exp(-z * z);
    }
}
