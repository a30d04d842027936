package io.voxtok.nn.seanet;

import ai.djl.ndarray.NDArray;
import io.voxtok.nn.Layer;
import io.voxtok.nn.ParameterLoader;
import io.voxtok.nn.Sequential;
import io.voxtok.nn.StateDictBlock;
import io.voxtok.nn.conv.StreamableConv1d;
import io.voxtok.nn.recurrent.SkipLstm;

import java.util.ArrayList;
import java.util.List;

/**
 * SEANet encoder: {@code (B, channels, L)} to latent {@code (B, dimension, ceil(L / hop))} (SPEC 2.2, 4.2).
 *
 * <p>Module indices (and so checkpoint keys under {@code prefix + N}) follow the official
 * {@code nn.Sequential}: first conv; per ratio (reversed): residual blocks, activation, strided conv; then
 * the skip-LSTM, activation and last conv. The module list is the child {@code model}. Thread-safe when not
 * training.
 */
public final class SeanetEncoder extends StateDictBlock {
    private final SeanetConfig config;
    private final Sequential model;

    private SeanetEncoder(SeanetConfig config, Sequential model) {
        this.config = config;
        this.model = child("model", model);
    }

    /**
     * Loads the encoder.
     *
     * @param prefix key prefix of the module list with trailing dot, e.g. {@code "encoder.model."}
     */
    public static SeanetEncoder load(ParameterLoader loader, String prefix, SeanetConfig cfg) {
        List<Layer> layers = new ArrayList<>();
        int mult = 1;
        int nf = cfg.nFilters();
        layers.add(StreamableConv1d.load(loader, key(prefix, layers) + "conv.conv.", cfg.channels(), mult * nf,
                cfg.kernelSize(), 1, 1, cfg.causal(), cfg.padMode()));
        int[] ratios = cfg.ratios();
        for (int i = ratios.length - 1; i >= 0; i--) {
            int ratio = ratios[i];
            for (int j = 0; j < cfg.nResidualLayers(); j++) {
                layers.add(SeanetResnetBlock.load(loader, key(prefix, layers), cfg, mult * nf,
                        pow(cfg.dilationBase(), j)));
            }
            layers.add(cfg.activation().load(loader, key(prefix, layers), mult * nf));
            layers.add(StreamableConv1d.load(loader, key(prefix, layers) + "conv.conv.", mult * nf,
                    mult * nf * 2, ratio * 2, ratio, 1, cfg.causal(), cfg.padMode()));
            mult *= 2;
        }
        int width = mult * nf;
        if (cfg.lstmLayers() > 0) {
            SkipLstm lstm = SkipLstm.load(loader, key(prefix, layers), width, cfg.lstmLayers(),
                    cfg.encoderBidirectional());
            layers.add(lstm);
            width = lstm.outChannels();
        }
        layers.add(cfg.activation().load(loader, key(prefix, layers), width));
        layers.add(StreamableConv1d.load(loader, key(prefix, layers) + "conv.conv.", width, cfg.dimension(),
                cfg.lastKernelSize(), 1, 1, cfg.causal(), cfg.padMode()));
        return new SeanetEncoder(cfg, new Sequential(layers));
    }

    /** The configuration. */
    public SeanetConfig config() {
        return config;
    }

    /** The module list, in official index order. */
    public Sequential model() {
        return model;
    }

    /**
     * Encodes a padded batch exactly as the official module does.
     *
     * @param x {@code (B, channels, L)}
     * @return {@code (B, dimension, ceil(L / hop))}, attached to {@code x}'s manager
     */
    @Override
    public NDArray forward(NDArray x, boolean training) {
        return model.forward(x, training);
    }

    /**
     * Encodes items of different lengths, each as if alone (see {@link Sequential#forwardItems}).
     *
     * @param items {@code (1, channels, L_i)}
     * @return {@code (1, dimension, ceil(L_i / hop))} per item
     */
    public List<NDArray> forwardItems(List<NDArray> items) {
        return model.forwardItems(items);
    }

    static String key(String prefix, List<Layer> layersSoFar) {
        return prefix + layersSoFar.size() + ".";
    }

    static int pow(int base, int exp) {
        int r = 1;
        for (int i = 0; i < exp; i++) {
            r *= base;
        }
        return r;
    }
}
