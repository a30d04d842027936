package io.voxtok.plugin.encodec.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

import java.util.List;

/**
 * The official {@code _linear_overlap_add} (SPEC 4.4): segment {@code i} starts at {@code i * stride}, is weighted
 * by the triangle {@code w(t) = 0.5 - |t - 0.5|} with {@code t = linspace(0, 1, n + 2)[1:-1]} ({@code n} = the
 * first segment's length; a shorter last segment uses the head of the same window), summed, and divided by the
 * summed weights. Float32 arithmetic in the official order (product, then accumulation, then one division).
 *
 * <p>The output ends where the furthest-reaching segment ends. The official code sizes it by the <em>last</em>
 * segment ({@code stride * (count - 1) + n_last}), which is the same length except when a short last segment ends
 * before the one before it (48 kHz: inputs with {@code L mod 47 520} in 161..320, where the penultimate segment
 * decodes to 48 000 samples and reaches 160 samples further): there the official code raises an error, and this
 * join keeps those 160 samples, computed by the same rule (covered by the penultimate segment alone).
 */
final class LinearOverlapAdd {
    private LinearOverlapAdd() {
    }

    /**
     * @param manager scratch manager (the window is computed by the engine's {@code linspace}, like the original)
     * @param frames  decoded segments {@code [channel][n_i]}
     * @param stride  samples between segment starts
     * @return {@code [channel][max_i(stride * i + n_i)]}: {@code stride * (count - 1) + n_last} wherever the official
     *         code returns a result
     */
    static float[][] join(NDManager manager, List<float[][]> frames, int stride) {
        int channels = frames.get(0).length;
        int frameLength = frames.get(0)[0].length;
        int total = 0;
        for (int i = 0; i < frames.size(); i++) {
            total = Math.max(total, Math.addExact(Math.multiplyExact(stride, i), frames.get(i)[0].length));
        }
        float[] weight;
        try (NDArray t = manager.linspace(0f, 1f, frameLength + 2)) {
            float[] tv = t.toFloatArray();
            weight = new float[frameLength];
            for (int i = 0; i < frameLength; i++) {
                weight[i] = 0.5f - Math.abs(tv[i + 1] - 0.5f);
            }
        }
        float[][] out = new float[channels][total];
        float[] sum = new float[total];
        int offset = 0;
        for (float[][] f : frames) {
            int n = f[0].length;
            for (int i = 0; i < n; i++) {
                sum[offset + i] += weight[i];
            }
            for (int c = 0; c < channels; c++) {
                for (int i = 0; i < n; i++) {
                    out[c][offset + i] += weight[i] * f[c][i];
                }
            }
            offset += stride;
        }
        for (int c = 0; c < channels; c++) {
            for (int i = 0; i < total; i++) {
                out[c][i] /= sum[i];
            }
        }
        return out;
    }
}
