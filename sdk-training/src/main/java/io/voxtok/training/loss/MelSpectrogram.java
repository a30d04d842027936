package io.voxtok.training.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv1d;
import io.voxtok.nn.NdArrays;
import io.voxtok.nn.conv.Padding1d;
import io.voxtok.nn.conv.PaddingMode;

/**
 * Differentiable log-mel spectrogram of the SpeechTokenizer trainer ({@code trainer/loss.py mel_spectrogram},
 * SPEC 2.7): reflect padding of {@code (nFft - hop) / 2} samples each side, STFT with {@code center=False} and a
 * periodic Hann window of {@code win} samples (zero-padded to {@code nFft}, centred, as {@code torch.stft} does),
 * magnitude {@code |X| + 1e-9}, the {@link MelFilterbank} (HTK, Slaney norm), {@code log(clamp(mel, 1e-5))}.
 *
 * <p>The STFT is one strided {@code conv1d} whose kernels are the windowed cosine and sine DFT bases (computed in
 * double, rounded to float32), so it runs on any DJL engine and is differentiable w.r.t. the audio. The magnitude is
 * {@code sqrt(max(re^2 + im^2, 1e-36))}: the floor changes values by at most 1e-18 (against the 1e-9 offset) and
 * only keeps the gradient finite at an exactly-zero bin, where it is 0 as for {@code torch.abs} of a complex number.
 * Inputs of at most {@code (nFft - hop) / 2} samples, which torch's reflect padding rejects, are padded as
 * {@link Padding1d} does (zero-extended first). Instances are immutable and hold only Java arrays; device arrays are
 * created per call.
 */
public final class MelSpectrogram {
    /** Offset added to the STFT magnitude before the mel projection (official {@code torch.abs(spec) + 1e-9}). */
    public static final float MAGNITUDE_OFFSET = 1e-9f;
    /** Lower clamp before the logarithm (official {@code dynamic_range_compression_torch} clip_val). */
    public static final float LOG_CLAMP = 1e-5f;
    private static final float POWER_FLOOR = 1e-36f;

    private final int nFft;
    private final int hop;
    private final int win;
    private final MelFilterbank filterbank;
    private final float[] dftBasis;

    /**
     * @param sampleRate sample rate in Hz
     * @param nFft       FFT size
     * @param hop        hop size in samples
     * @param win        window length ({@code <= nFft})
     * @param melBands   number of mel filters
     * @param fMin       lowest mel frequency in Hz
     * @param fMax       highest mel frequency in Hz, or {@code null} for {@code sampleRate / 2}
     */
    public MelSpectrogram(int sampleRate, int nFft, int hop, int win, int melBands, double fMin, Double fMax) {
        if (hop < 1 || win < 1 || win > nFft || hop > nFft) {
            throw new IllegalArgumentException("need 1 <= hop <= nFft and 1 <= win <= nFft, got nFft " + nFft
                    + ", hop " + hop + ", win " + win);
        }
        this.nFft = nFft;
        this.hop = hop;
        this.win = win;
        this.filterbank = MelFilterbank.htkSlaney(melBands, sampleRate, nFft, fMin, fMax);
        this.dftBasis = windowedDftBasis(nFft, win);
    }

    /**
     * Kernels {@code (2 F, 1, nFft)}, {@code F = nFft / 2 + 1}: rows {@code 0..F-1} are {@code w[n] cos(2 pi k n / N)},
     * rows {@code F..2F-1} are {@code -w[n] sin(2 pi k n / N)}, with the periodic Hann window {@code w} of length
     * {@code win} centred in {@code nFft} samples.
     */
    static float[] windowedDftBasis(int nFft, int win) {
        int bins = nFft / 2 + 1;
        double[] window = new double[nFft];
        int offset = (nFft - win) / 2;
        for (int n = 0; n < win; n++) {
            window[offset + n] = 0.5 - 0.5 * Math.cos(2.0 * Math.PI * n / win);
        }
        float[] basis = new float[2 * bins * nFft];
        for (int k = 0; k < bins; k++) {
            for (int n = 0; n < nFft; n++) {
                // reduce k*n modulo N exactly so that the angle stays accurate for large k*n
                double angle = 2.0 * Math.PI * (((long) k * n) % nFft) / nFft;
                basis[k * nFft + n] = (float) (window[n] * Math.cos(angle));
                basis[(bins + k) * nFft + n] = (float) (-window[n] * Math.sin(angle));
            }
        }
        return basis;
    }

    /** FFT size. */
    public int nFft() {
        return nFft;
    }

    /** Hop size in samples. */
    public int hop() {
        return hop;
    }

    /** Window length in samples. */
    public int win() {
        return win;
    }

    /** The mel filterbank. */
    public MelFilterbank filterbank() {
        return filterbank;
    }

    /** Number of frames for {@code length} input samples: {@code 1 + (length + 2 pad - nFft) / hop}. */
    public int frames(int length) {
        int pad = (nFft - hop) / 2;
        return 1 + (length + 2 * pad - nFft) / hop;
    }

    /**
     * Log-mel spectrogram.
     *
     * @param audio {@code (B, 1, L)} or {@code (B, L)} float32 waveforms
     * @return {@code (B, melBands, frames(L))}, attached to {@code audio}'s manager; differentiable w.r.t. audio
     */
    public NDArray logMel(NDArray audio) {
        int dims = audio.getShape().dimension();
        if (dims != 2 && !(dims == 3 && audio.getShape().get(1) == 1)) {
            throw new IllegalArgumentException("audio must be (B, 1, L) or (B, L), got " + audio.getShape());
        }
        try (LossScope scope = LossScope.open(audio.getManager(), audio)) {
            long batch = audio.getShape().get(0);
            NDArray y = dims == 2 ? audio.reshape(batch, 1, audio.getShape().get(1)) : audio;
            int pad = (nFft - hop) / 2;
            NDArray padded = Padding1d.pad(y, pad, pad, PaddingMode.REFLECT);
            int bins = nFft / 2 + 1;
            // conv1d and matMul save these constants for the backward pass: they must live in engine memory (see
            // NdArrays.engineOwned), or backward reads whatever reused the freed Java buffer (gradient spikes)
            NDArray kernels = NdArrays.engineOwned(scope.manager().create(dftBasis, new Shape(2L * bins, 1, nFft)));
            NDArray spec = Conv1d.conv1d(padded, kernels, null, new Shape(hop), new Shape(0), new Shape(1), 1)
                    .singletonOrThrow();
            NDArray re = spec.get(new NDIndex(":, :{}, :", bins));
            NDArray im = spec.get(new NDIndex(":, {}:, :", bins));
            NDArray power = re.square().add(im.square());
            NDArray magnitude = power.clip(POWER_FLOOR, Float.MAX_VALUE).sqrt().add(MAGNITUDE_OFFSET);
            NDArray mel = NdArrays.engineOwned(filterbank.toNDArray(scope.manager())).matMul(magnitude);
            NDArray out = mel.clip(LOG_CLAMP, Float.MAX_VALUE).log();
            return scope.keep(out);
        }
    }
}
