package io.voxtok.training.loss;

import ai.djl.ndarray.NDArray;
import io.voxtok.nn.NdArrays;
import java.util.ArrayList;
import java.util.List;

/**
 * The weighted sum of {@link MelSpectrogramLoss} terms at several resolutions, as the SpeechTokenizer trainer builds
 * it (SPEC 2.7): resolution {@code i} uses {@code n_fft / 2^i}, {@code hop / 2^i}, {@code win / 2^i} (1024/240/1024,
 * 512/120/512, 256/60/256, 128/30/128 by default), 80 mel bands from 0 Hz to {@code sampleRate / 2}, weights
 * {@code [45, 1, 1, 1]}.
 *
 * <p>The weighted sum is accumulated in the official order, {@code 0 + l_0 L_0 + l_1 L_1 + ...}, each product and
 * sum a float32 operation, so it rounds exactly as the official {@code sum(map(...))}.
 */
public final class MultiResolutionMelLoss {
    private final List<MelSpectrogramLoss> resolutions;
    private final float[] lambdas;

    /**
     * @param resolutions one loss per resolution
     * @param lambdas     weight per resolution (same count)
     */
    public MultiResolutionMelLoss(List<MelSpectrogramLoss> resolutions, List<Double> lambdas) {
        if (resolutions.isEmpty() || resolutions.size() != lambdas.size()) {
            throw new IllegalArgumentException(resolutions.size() + " resolutions but " + lambdas.size()
                    + " weights");
        }
        this.resolutions = List.copyOf(resolutions);
        this.lambdas = new float[lambdas.size()];
        for (int i = 0; i < this.lambdas.length; i++) {
            this.lambdas[i] = lambdas.get(i).floatValue();
        }
    }

    /**
     * The trainer's resolutions: {@code lambdas.size()} of them, halving n_fft, hop and win each time.
     *
     * @param sampleRate sample rate in Hz (16 000)
     * @param nFft       n_fft of resolution 0 (1024)
     * @param hop        hop of resolution 0 (240)
     * @param win        window length of resolution 0 (1024)
     * @param melBands   mel bands (80)
     * @param fMin       lowest mel frequency (0)
     * @param fMax       highest mel frequency, {@code null} for {@code sampleRate / 2} ({@code fmax_for_loss})
     * @param lambdas    weight per resolution ({@code [45, 1, 1, 1]})
     */
    public static MultiResolutionMelLoss halving(int sampleRate, int nFft, int hop, int win, int melBands,
            double fMin, Double fMax, List<Double> lambdas) {
        List<MelSpectrogramLoss> res = new ArrayList<>(lambdas.size());
        int mult = 1;
        for (int i = 0; i < lambdas.size(); i++) {
            res.add(new MelSpectrogramLoss(new MelSpectrogram(sampleRate, nFft / mult, hop / mult, win / mult,
                    melBands, fMin, fMax)));
            mult *= 2;
        }
        return new MultiResolutionMelLoss(res, lambdas);
    }

    /** The SpeechTokenizer defaults at 16 kHz with the given weights (see {@link LossWeights#mel()}). */
    public static MultiResolutionMelLoss speechTokenizer(List<Double> lambdas) {
        return halving(16000, 1024, 240, 1024, 80, 0.0, null, lambdas);
    }

    /** The weight of each resolution (as float32 values, widened). */
    public List<Double> lambdas() {
        List<Double> out = new ArrayList<>(lambdas.length);
        for (float l : lambdas) {
            out.add((double) l);
        }
        return List.copyOf(out);
    }

    /** The per-resolution losses. */
    public List<MelSpectrogramLoss> resolutions() {
        return resolutions;
    }

    /** The unweighted loss of every resolution, float32 scalars attached to {@code reconstruction}'s manager. */
    public List<NDArray> perResolution(NDArray target, NDArray reconstruction) {
        List<NDArray> out = new ArrayList<>(resolutions.size());
        for (MelSpectrogramLoss r : resolutions) {
            out.add(r.compute(target, reconstruction));
        }
        return out;
    }

    /** {@code sum_i lambda_i L_i} from already computed per-resolution terms, in the official order. */
    public NDArray weightedSum(List<NDArray> terms) {
        if (terms.size() != lambdas.length) {
            throw new IllegalArgumentException(terms.size() + " terms for " + lambdas.length + " weights");
        }
        try (LossScope scope = LossScope.open(terms.get(0).getManager(), terms)) {
            // python's sum starts from int 0; 0 + t is exact, so the first product is the start
            NDArray sum = NdArrays.mul(terms.get(0), lambdas[0]);
            for (int i = 1; i < lambdas.length; i++) {
                sum = sum.add(NdArrays.mul(terms.get(i), lambdas[i]));
            }
            return scope.keep(sum);
        }
    }

    /** The weighted loss {@code sum_i lambda_i L_i}. */
    public NDArray compute(NDArray target, NDArray reconstruction) {
        List<NDArray> terms = perResolution(target, reconstruction);
        try {
            return weightedSum(terms);
        } finally {
            terms.forEach(NDArray::close);
        }
    }
}
