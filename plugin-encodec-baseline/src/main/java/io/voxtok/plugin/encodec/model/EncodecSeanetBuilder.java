package io.voxtok.plugin.encodec.model;

import ai.djl.ndarray.NDArray;
import io.voxtok.nn.Layer;
import io.voxtok.nn.Sequential;
import io.voxtok.nn.activation.Elu;
import io.voxtok.nn.conv.ConvTranspose1d;
import io.voxtok.nn.conv.StreamableConv1d;
import io.voxtok.nn.conv.StreamableConvTranspose1d;
import io.voxtok.nn.norm.NormalizedConvTranspose1d;
import io.voxtok.nn.norm.TimeGroupNorm;
import io.voxtok.nn.seanet.SeanetResnetBlock;
import io.voxtok.nn.streaming.StatefulSkipLstm;
import io.voxtok.nn.streaming.StatefulLstm;
import io.voxtok.nn.recurrent.LstmCellWeights;

import java.util.ArrayList;
import java.util.List;

/**
 * Builds EnCodec's {@code SEANetEncoder} and {@code SEANetDecoder} (SPEC 1, 4.1, 4.2) from the shared
 * {@code sdk-nn} layers, in official module order so that official keys ({@code encoder.model.N.conv.conv.weight_g},
 * {@code decoder.model.N.convtr.convtr.weight_v}, {@code N.conv.norm.weight} ...) address them.
 *
 * <p>Why not {@link io.voxtok.nn.seanet.SeanetEncoder}: it supports weight norm only (the 48 kHz model uses
 * {@code time_group_norm}) and its LSTM cannot carry state between pieces (the 24 kHz encoder streams). The
 * layers themselves are the shared ones: {@link StreamableConv1d}, {@link StreamableConvTranspose1d},
 * {@link ConvTranspose1d}, {@link SeanetResnetBlock}, {@link Elu}; the stateful LSTM and the group norm are new
 * shared layers in {@code io.voxtok.nn.streaming} and {@code io.voxtok.nn.norm}.
 */
public final class EncodecSeanetBuilder {
    private final EncodecConfig cfg;
    private final WeightSource weights;

    /**
     * @param cfg     the model configuration
     * @param weights where tensors come from
     */
    public EncodecSeanetBuilder(EncodecConfig cfg, WeightSource weights) {
        this.cfg = cfg;
        this.weights = weights;
    }

    /** The encoder under {@code prefix} (e.g. {@code "encoder.model."}). */
    public SeanetStack encoder(String prefix) {
        List<SeanetStack.Step> steps = new ArrayList<>();
        int nf = cfg.nFilters();
        int mult = 1;
        steps.add(conv(prefix, steps, cfg.channels(), nf, cfg.kernelSize(), 1, 1));
        int[] ratios = cfg.ratios();
        for (int i = ratios.length - 1; i >= 0; i--) {
            int ratio = ratios[i];
            for (int j = 0; j < cfg.nResidualLayers(); j++) {
                steps.add(residual(prefix + steps.size() + ".", mult * nf, pow(cfg.dilationBase(), j)));
            }
            steps.add(elu());
            steps.add(conv(prefix, steps, mult * nf, mult * nf * 2, ratio * 2, ratio, 1));
            mult *= 2;
        }
        if (cfg.lstmLayers() > 0) {
            steps.add(lstm(prefix + steps.size() + ".", mult * nf));
        }
        steps.add(elu());
        steps.add(conv(prefix, steps, mult * nf, cfg.dimension(), cfg.lastKernelSize(), 1, 1));
        return new SeanetStack(steps, cfg.causal());
    }

    /** The decoder under {@code prefix} (e.g. {@code "decoder.model."}). */
    public SeanetStack decoder(String prefix) {
        List<SeanetStack.Step> steps = new ArrayList<>();
        int nf = cfg.nFilters();
        int mult = pow(2, cfg.ratios().length);
        steps.add(conv(prefix, steps, cfg.dimension(), mult * nf, cfg.kernelSize(), 1, 1));
        if (cfg.lstmLayers() > 0) {
            steps.add(lstm(prefix + steps.size() + ".", mult * nf));
        }
        for (int ratio : cfg.ratios()) {
            steps.add(elu());
            steps.add(convTranspose(prefix + steps.size() + ".", mult * nf, mult * nf / 2, ratio));
            for (int j = 0; j < cfg.nResidualLayers(); j++) {
                steps.add(residual(prefix + steps.size() + ".", mult * nf / 2, pow(cfg.dilationBase(), j)));
            }
            mult /= 2;
        }
        steps.add(elu());
        steps.add(conv(prefix, steps, nf, cfg.channels(), cfg.lastKernelSize(), 1, 1));
        return new SeanetStack(steps, cfg.causal());
    }

    /**
     * Indices of the transposed convolutions in the decoder's module list (needed to rename Hugging Face keys,
     * which do not distinguish them).
     */
    public static List<Integer> decoderTransposedIndices(EncodecConfig cfg) {
        List<Integer> out = new ArrayList<>();
        int idx = 1 + (cfg.lstmLayers() > 0 ? 1 : 0);
        for (int ignored : cfg.ratios()) {
            out.add(idx + 1);
            idx += 2 + cfg.nResidualLayers();
        }
        return out;
    }

    private SeanetStack.Step elu() {
        return new SeanetStack.Step(new Elu((float) cfg.eluAlpha()), 0, 1);
    }

    private SeanetStack.Step conv(String prefix, List<SeanetStack.Step> before, int in, int out, int kernel,
                                  int stride, int dilation) {
        Layer layer = convLayer(prefix + before.size() + ".", in, out, kernel, stride, dilation);
        return new SeanetStack.Step(layer, (kernel - 1) * dilation + 1 - stride, stride);
    }

    /** {@code SConv1d} at {@code modulePrefix} (keys {@code conv.conv.*} and, with group norm, {@code conv.norm.*}). */
    private Layer convLayer(String modulePrefix, int in, int out, int kernel, int stride, int dilation) {
        String p = modulePrefix + "conv.conv.";
        if (cfg.norm() == ConvNorm.WEIGHT_NORM) {
            NDArray w = weights.weightNormed(p, out, in, kernel);
            return new StreamableConv1d(w, weights.tensor(p + "bias", out), stride, dilation, 1, cfg.causal(),
                    cfg.padMode());
        }
        StreamableConv1d conv = new StreamableConv1d(weights.tensor(p + "weight", out, in, kernel),
                weights.tensor(p + "bias", out), stride, dilation, 1, cfg.causal(), cfg.padMode());
        return new Sequential(List.of(conv, groupNorm(modulePrefix + "conv.norm.", out)));
    }

    private SeanetStack.Step convTranspose(String modulePrefix, int in, int out, int ratio) {
        String p = modulePrefix + "convtr.convtr.";
        int kernel = 2 * ratio;
        Layer layer;
        if (cfg.norm() == ConvNorm.WEIGHT_NORM) {
            try (NDArray w = weights.weightNormed(p, in, out, kernel); NDArray b = weights.tensor(p + "bias", out)) {
                layer = new StreamableConvTranspose1d(new ConvTranspose1d(weights.manager(), w, b, ratio),
                        cfg.causal(), cfg.trimRightRatio());
            }
        } else {
            try (NDArray w = weights.tensor(p + "weight", in, out, kernel); NDArray b = weights.tensor(p + "bias", out)) {
                layer = new NormalizedConvTranspose1d(new ConvTranspose1d(weights.manager(), w, b, ratio),
                        groupNorm(modulePrefix + "convtr.norm.", out), cfg.causal(), cfg.trimRightRatio());
            }
        }
        return new SeanetStack.Step(layer, 0, 0);
    }

    private TimeGroupNorm groupNorm(String prefix, int channels) {
        try (NDArray w = weights.tensor(prefix + "weight", channels);
             NDArray b = weights.tensor(prefix + "bias", channels)) {
            return new TimeGroupNorm(w, b, TimeGroupNorm.DEFAULT_EPS);
        }
    }

    /** {@code SEANetResnetBlock(dim, kernel_sizes=[residual_kernel_size, 1], dilations=[d, 1])}. */
    private SeanetStack.Step residual(String prefix, int dim, int dilation) {
        int hidden = dim / cfg.compress();
        Elu act = new Elu((float) cfg.eluAlpha());
        Layer c1 = convLayer(prefix + "block.1.", dim, hidden, cfg.residualKernelSize(), 1, dilation);
        Layer c2 = convLayer(prefix + "block.3.", hidden, dim, 1, 1, 1);
        Layer shortcut = cfg.trueSkip() ? null : convLayer(prefix + "shortcut.", dim, dim, 1, 1, 1);
        Layer block;
        if (c1 instanceof StreamableConv1d sc1 && c2 instanceof StreamableConv1d sc2
                && shortcut instanceof StreamableConv1d ssc) {
            block = new SeanetResnetBlock(act, sc1, act, sc2, ssc);
        } else {
            block = new ResidualBlock(shortcut, new Sequential(List.of(act, c1, act, c2)));
        }
        return new SeanetStack.Step(block, (cfg.residualKernelSize() - 1) * dilation, 1);
    }

    private SeanetStack.Step lstm(String prefix, int dim) {
        String p = prefix + "lstm.";
        LstmCellWeights[] layers = new LstmCellWeights[cfg.lstmLayers()];
        for (int l = 0; l < layers.length; l++) {
            layers[l] = new LstmCellWeights(weights.tensor(p + "weight_ih_l" + l, 4L * dim, dim),
                    weights.tensor(p + "weight_hh_l" + l, 4L * dim, dim),
                    weights.tensor(p + "bias_ih_l" + l, 4L * dim), weights.tensor(p + "bias_hh_l" + l, 4L * dim));
        }
        return new SeanetStack.Step(new StatefulSkipLstm(new StatefulLstm(layers, dim, dim)), 0, 1);
    }

    private static int pow(int base, int exp) {
        int r = 1;
        for (int i = 0; i < exp; i++) {
            r *= base;
        }
        return r;
    }
}
