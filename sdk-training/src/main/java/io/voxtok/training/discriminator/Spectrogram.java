package io.voxtok.training.discriminator;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.voxtok.nn.StateDictBlock;

/**
 * {@code torchaudio.transforms.Spectrogram(n_fft, hop, win, window_fn=hann_window, normalized=True,
 * center=False, power=None)} as a differentiable operation, with its {@code window} buffer.
 *
 * <p>Instead of an FFT it convolves the waveform with a windowed DFT basis ({@code conv1d}, stride {@code hop}):
 * output channel {@code k} holds {@code sum_n w[n] x[t hop + n] cos(2 pi k n / n_fft) / ||w||} and channel
 * {@code F + k} the same with {@code -sin} (the imaginary part), {@code F = n_fft / 2 + 1}. The basis is built
 * from the window buffer on every call, so a loaded window takes effect.
 *
 * <p>Precision: a direct float32 DFT accumulates more rounding than PyTorch's float32 FFT (on the parity fixture it
 * used 45% of the feature-map tolerance, against 16% for a float64 DFT), so the values come from a float64 DFT
 * rounded to float32. DJL's dtype cast is not differentiable, hence the gradient flows through the float32 DFT
 * (the same linear map to float32 accuracy): {@code spec = dft32(x) + detach(dft64(x) - dft32(x))}.
 */
final class Spectrogram extends StateDictBlock {
    private final int nFft;
    private final int hop;
    private final int win;
    private final Shape strideShape;
    private NDArray trig;

    /**
     * @param manager owner of the window buffer
     * @param scale   FFT size, hop and window length
     */
    Spectrogram(NDManager manager, StftScale scale) {
        this.nFft = scale.nFft();
        this.hop = scale.hopLength();
        this.win = scale.winLength();
        this.strideShape = new Shape(hop);
        buffer("window", manager.create(hannWindow(win)));
    }

    /** Number of frequency bins {@code n_fft / 2 + 1}. */
    int bins() {
        return nFft / 2 + 1;
    }

    /**
     * The spectrogram as real and imaginary channels.
     *
     * @param x waveform {@code (B, 1, L)}, {@code L >= n_fft}
     * @return {@code (B, 2, F, frames)}: channel 0 the real part, channel 1 the imaginary part
     */
    @Override
    public NDArray forward(NDArray x, boolean training) {
        Shape s = x.getShape();
        if (s.dimension() != 3 || s.get(1) != 1 || x.getDataType() != DataType.FLOAT32) {
            throw new IllegalArgumentException("spectrogram input must be float32 (B, 1, L), got " + s + " "
                    + x.getDataType());
        }
        if (s.get(2) < nFft) {
            throw new IllegalArgumentException("input of " + s.get(2) + " samples is shorter than n_fft " + nFft);
        }
        int bins = bins();
        Shape zero = new Shape(0);
        Shape one = new Shape(1);
        try (NDArray basis64 = basis();
             NDArray basis32 = basis64.toType(DataType.FLOAT32, false);
             NDArray spec32 = x.getNDArrayInternal()
                     .convolution(x, basis32, null, strideShape, zero, one, 1).singletonOrThrow();
             NDArray x64 = x.toType(DataType.FLOAT64, false);
             NDArray spec64 = x64.getNDArrayInternal()
                     .convolution(x64, basis64, null, strideShape, zero, one, 1).singletonOrThrow();
             NDArray exact = spec64.toType(DataType.FLOAT32, false);
             NDArray spec32Value = spec32.stopGradient();
             NDArray correction = exact.sub(spec32Value);
             NDArray spec = spec32.add(correction)) {
            return spec.reshape(s.get(0), 2, bins, -1);
        }
    }

    /** {@code (2F, 1, n_fft)} float64: {@code trig * padded window / ||window||}. */
    private NDArray basis() {
        NDArray window = buffer("window");
        if (trig == null) {
            trig = window.getManager().create(trigTable(nFft), new Shape(2L * bins(), 1, nFft));
        }
        try (NDArray w64 = window.toType(DataType.FLOAT64, true);
             NDArray sq = w64.square();
             NDArray energy = sq.sum();
             NDArray norm = energy.sqrt();
             NDArray scaled = w64.div(norm);
             NDArray padded = padCentered(scaled)) {
            return trig.mul(padded);
        }
    }

    /** torch.stft pads a shorter window with zeros on both sides, {@code (n_fft - win) / 2} on the left. */
    private NDArray padCentered(NDArray w) {
        if (win == nFft) {
            return w.duplicate();
        }
        int left = (nFft - win) / 2;
        NDManager m = w.getManager();
        try (NDArray l = m.zeros(new Shape(left), DataType.FLOAT64);
             NDArray r = m.zeros(new Shape(nFft - win - left), DataType.FLOAT64)) {
            return NDArrays.concat(new NDList(l, w, r));
        }
    }

    /** Rows {@code cos(2 pi k n / N)} for {@code k < F}, then {@code -sin(2 pi k n / N)}, exact angles. */
    private static double[] trigTable(int n) {
        int bins = n / 2 + 1;
        double[] out = new double[2 * bins * n];
        for (int k = 0; k < bins; k++) {
            for (int i = 0; i < n; i++) {
                double angle = 2 * Math.PI * (((long) k * i) % n) / n;
                out[k * n + i] = Math.cos(angle);
                out[(bins + k) * n + i] = -Math.sin(angle);
            }
        }
        return out;
    }

    /**
     * {@code torch.hann_window(n)} (periodic, float32), bit for bit: PyTorch evaluates
     * {@code cos(i * fl32(2 pi / n))} for {@code i = 0..n} in float32 with its CPU cosine, multiplies by -0.5,
     * adds 0.5 and drops the last value.
     */
    static float[] hannWindow(int n) {
        float step = (float) (Math.PI * 2 / n);
        float[] w = new float[n];
        for (int i = 0; i < n; i++) {
            float c = Float32Cosine.cos(i * step);
            w[i] = c * -0.5f + 0.5f;
        }
        return w;
    }
}
