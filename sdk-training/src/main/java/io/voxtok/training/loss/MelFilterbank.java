package io.voxtok.training.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * Triangular mel filterbank of torchaudio's {@code MelScale(n_mels, sample_rate, f_min, f_max, n_stft,
 * norm='slaney', mel_scale='htk')}: HTK mel scale ({@code 2595 log10(1 + f / 700)}) with Slaney area normalisation
 * (each filter scaled by {@code 2 / (f_right - f_left)}), as the SpeechTokenizer mel loss uses it (SPEC 2.7). This is
 * <em>not</em> librosa's default (Slaney mel scale).
 *
 * <p>The weights are computed in float32, operation by operation in torchaudio's order (linspace of the FFT bin
 * frequencies and of the mel points, mel to Hz, up/down slopes, {@code max(0, min(down, up))}, normalisation), so
 * they agree with torchaudio's float32 matrix to float32 rounding (the only difference: {@code 10^x} is rounded
 * from double here, torch's float32 {@code pow} may differ by an ulp). With few FFT bins (n_fft 256, 128 at 16 kHz)
 * the lowest filters are narrower than the bin spacing and come out all-zero, exactly as in torchaudio (which
 * warns about it); such filters yield {@code log(clamp(0 + ..., 1e-5))} constants in the loss.
 */
public final class MelFilterbank {
    private final int melBands;
    private final int frequencyBins;
    private final float[] weights;

    private MelFilterbank(int melBands, int frequencyBins, float[] weights) {
        this.melBands = melBands;
        this.frequencyBins = frequencyBins;
        this.weights = weights;
    }

    /**
     * The filterbank for an STFT of {@code nFft} points.
     *
     * @param melBands   number of mel filters ({@code n_mels})
     * @param sampleRate sample rate in Hz
     * @param nFft       FFT size; the filterbank has {@code nFft / 2 + 1} frequency bins ({@code n_stft})
     * @param fMin       lowest frequency in Hz
     * @param fMax       highest frequency in Hz, or {@code null} for {@code sampleRate / 2} (integer division, as
     *                   torchaudio's {@code float(sample_rate // 2)})
     */
    public static MelFilterbank htkSlaney(int melBands, int sampleRate, int nFft, double fMin, Double fMax) {
        if (melBands < 1 || sampleRate < 1 || nFft < 2) {
            throw new IllegalArgumentException("need melBands, sampleRate >= 1 and nFft >= 2, got " + melBands
                    + ", " + sampleRate + ", " + nFft);
        }
        double top = fMax == null ? (double) (sampleRate / 2) : fMax;
        if (!(fMin >= 0 && top > fMin)) {
            throw new IllegalArgumentException("need 0 <= fMin < fMax, got " + fMin + ", " + top);
        }
        int nFreqs = nFft / 2 + 1;
        float[] allFreqs = linspace(0f, (float) (sampleRate / 2), nFreqs);
        float[] melPts = linspace((float) hzToMel(fMin), (float) hzToMel(top), melBands + 2);
        float[] fPts = new float[melPts.length];
        for (int i = 0; i < fPts.length; i++) {
            // torchaudio _mel_to_hz: 700 * (10 ** (mel / 2595) - 1), every step a float32 operation
            float exponent = melPts[i] / 2595f;
            float pow = (float) Math.pow(10.0, exponent);
            fPts[i] = 700f * (pow - 1f);
        }
        float[] fDiff = new float[fPts.length - 1];
        for (int i = 0; i < fDiff.length; i++) {
            fDiff[i] = fPts[i + 1] - fPts[i];
        }
        float[] w = new float[melBands * nFreqs];
        for (int m = 0; m < melBands; m++) {
            float enorm = 2f / (fPts[m + 2] - fPts[m]);
            for (int k = 0; k < nFreqs; k++) {
                float down = -(fPts[m] - allFreqs[k]) / fDiff[m];
                float up = (fPts[m + 2] - allFreqs[k]) / fDiff[m + 1];
                float tri = Math.max(0f, Math.min(down, up));
                w[m * nFreqs + k] = tri * enorm;
            }
        }
        return new MelFilterbank(melBands, nFreqs, w);
    }

    /** HTK mel of a frequency, in double as torchaudio's {@code _hz_to_mel} (Python floats). */
    static double hzToMel(double hz) {
        return 2595.0 * Math.log10(1.0 + hz / 700.0);
    }

    /** float32 {@code torch.linspace}: step {@code (end - start) / (n - 1)}, first half from start, rest from end. */
    static float[] linspace(float start, float end, int n) {
        float[] out = new float[n];
        if (n == 1) {
            out[0] = start;
            return out;
        }
        float step = (end - start) / (n - 1);
        int halfway = n / 2;
        for (int i = 0; i < n; i++) {
            out[i] = i < halfway ? start + step * i : end - step * (n - i - 1);
        }
        return out;
    }

    /** Number of mel filters. */
    public int melBands() {
        return melBands;
    }

    /** Number of FFT frequency bins ({@code n_fft / 2 + 1}). */
    public int frequencyBins() {
        return frequencyBins;
    }

    /** Weight of FFT bin {@code bin} in filter {@code mel}. */
    public float weight(int mel, int bin) {
        return weights[mel * frequencyBins + bin];
    }

    /** The matrix {@code (melBands, frequencyBins)} row-major (a copy); torchaudio's {@code fb.T}. */
    public float[] weights() {
        return weights.clone();
    }

    /** Number of filters whose weights are all zero (torchaudio warns when there are any). */
    public int emptyFilterCount() {
        int count = 0;
        for (int m = 0; m < melBands; m++) {
            boolean empty = true;
            for (int k = 0; k < frequencyBins && empty; k++) {
                empty = weights[m * frequencyBins + k] == 0f;
            }
            count += empty ? 1 : 0;
        }
        return count;
    }

    /** The matrix as a float32 {@code (melBands, frequencyBins)} array on {@code manager}. */
    public NDArray toNDArray(NDManager manager) {
        return manager.create(weights, new Shape(melBands, frequencyBins));
    }
}
