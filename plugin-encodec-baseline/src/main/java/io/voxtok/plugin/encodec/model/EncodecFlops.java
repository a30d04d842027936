package io.voxtok.plugin.encodec.model;

/**
 * Arithmetic cost of EnCodec per second of audio, from the architecture (FLOPs = 2 x multiply-adds): every
 * convolution ({@code 2 * C_in * C_out * k} per output sample; a transposed convolution per input frame), the
 * LSTMs ({@code 2 * 4H * (in + H)} per step and layer) and the nearest-code search ({@code 2 * D * bins} per
 * frame and codebook). Activations, norms, padding and additions are not counted.
 */
public final class EncodecFlops {
    private EncodecFlops() {
    }

    /** FLOPs to encode one second with {@code codebooks} codebooks. */
    public static double encodePerSecond(EncodecConfig c, int codebooks) {
        double length = c.sampleRate();
        int nf = c.nFilters();
        double flops = conv(c.channels(), nf, c.kernelSize(), length);
        int mult = 1;
        int[] ratios = c.ratios();
        for (int i = ratios.length - 1; i >= 0; i--) {
            flops += c.nResidualLayers() * residual(c, mult * nf, length);
            length /= ratios[i];
            flops += conv(mult * nf, mult * nf * 2, 2 * ratios[i], length);
            mult *= 2;
        }
        flops += lstm(c, mult * nf, length);
        flops += conv(mult * nf, c.dimension(), c.lastKernelSize(), length);
        flops += 2.0 * c.dimension() * c.bins() * codebooks * length;
        return flops;
    }

    /** FLOPs to decode one second (codebook lookups cost no multiply-adds). */
    public static double decodePerSecond(EncodecConfig c) {
        int[] ratios = c.ratios();
        double length = c.sampleRate() / (double) c.hopLength();
        int nf = c.nFilters();
        int mult = 1 << ratios.length;
        double flops = conv(c.dimension(), mult * nf, c.kernelSize(), length);
        flops += lstm(c, mult * nf, length);
        for (int ratio : ratios) {
            flops += conv(mult * nf, mult * nf / 2, 2 * ratio, length);
            length *= ratio;
            flops += c.nResidualLayers() * residual(c, mult * nf / 2, length);
            mult /= 2;
        }
        flops += conv(nf, c.channels(), c.lastKernelSize(), length);
        return flops;
    }

    private static double conv(int in, int out, int kernel, double outputs) {
        return 2.0 * in * out * kernel * outputs;
    }

    private static double residual(EncodecConfig c, int dim, double length) {
        int hidden = dim / c.compress();
        double f = conv(dim, hidden, c.residualKernelSize(), length) + conv(hidden, dim, 1, length);
        return c.trueSkip() ? f : f + conv(dim, dim, 1, length);
    }

    private static double lstm(EncodecConfig c, int dim, double steps) {
        return c.lstmLayers() * 2.0 * 4 * dim * (dim + dim) * steps;
    }
}
