package io.voxtok.nn.seanet;

import ai.djl.ndarray.NDArray;
import io.voxtok.nn.Layer;
import io.voxtok.nn.ParameterLoader;
import io.voxtok.nn.Sequential;
import io.voxtok.nn.StateDictBlock;
import io.voxtok.nn.conv.StreamableConv1d;
import io.voxtok.nn.conv.StreamableConvTranspose1d;
import io.voxtok.nn.recurrent.SkipLstm;

import java.util.ArrayList;
import java.util.List;

/**
 * SEANet decoder: latent {@code (B, dimension, T)} to audio {@code (B, channels, T * hop)} (SPEC 2.2, 4.2); no
 * final activation, no trimming to the original length.
 *
 * <p>Module indices follow the official {@code nn.Sequential}: first conv, unidirectional skip-LSTM, then per
 * ratio: activation, transposed conv, residual blocks; then activation and last conv.
 * The module list is the child {@code model}. Thread-safe when not training.
 */
public final class SeanetDecoder extends StateDictBlock {
    private final SeanetConfig config;
    private final Sequential model;

    private SeanetDecoder(SeanetConfig config, Sequential model) {
        this.config = config;
        this.model = child("model", model);
    }

    /**
     * Loads the decoder.
     *
     * @param prefix key prefix of the module list with trailing dot, e.g. {@code "decoder.model."}
     */
    public static SeanetDecoder load(ParameterLoader loader, String prefix, SeanetConfig cfg) {
        List<Layer> layers = new ArrayList<>();
        int[] ratios = cfg.ratios();
        int nf = cfg.nFilters();
        int mult = SeanetEncoder.pow(2, ratios.length);
        layers.add(StreamableConv1d.load(loader, SeanetEncoder.key(prefix, layers) + "conv.conv.", cfg.dimension(),
                mult * nf, cfg.kernelSize(), 1, 1, cfg.causal(), cfg.padMode()));
        if (cfg.lstmLayers() > 0) {
            layers.add(SkipLstm.load(loader, SeanetEncoder.key(prefix, layers), mult * nf, cfg.lstmLayers(), false));
        }
        for (int ratio : ratios) {
            layers.add(cfg.activation().load(loader, SeanetEncoder.key(prefix, layers), mult * nf));
            layers.add(StreamableConvTranspose1d.load(loader, SeanetEncoder.key(prefix, layers) + "convtr.convtr.",
                    mult * nf, mult * nf / 2, ratio * 2, ratio, cfg.causal(), cfg.trimRightRatio()));
            for (int j = 0; j < cfg.nResidualLayers(); j++) {
                layers.add(SeanetResnetBlock.load(loader, SeanetEncoder.key(prefix, layers), cfg, mult * nf / 2,
                        SeanetEncoder.pow(cfg.dilationBase(), j)));
            }
            mult /= 2;
        }
        layers.add(cfg.activation().load(loader, SeanetEncoder.key(prefix, layers), nf));
        layers.add(StreamableConv1d.load(loader, SeanetEncoder.key(prefix, layers) + "conv.conv.", nf,
                cfg.channels(), cfg.lastKernelSize(), 1, 1, cfg.causal(), cfg.padMode()));
        return new SeanetDecoder(cfg, new Sequential(layers));
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
     * Decodes a batch exactly as the official module does.
     *
     * @param latent {@code (B, dimension, T)}
     * @return {@code (B, channels, T * hop)}, attached to {@code latent}'s manager
     */
    @Override
    public NDArray forward(NDArray latent, boolean training) {
        return model.forward(latent, training);
    }

    /**
     * Decodes items of different lengths, each as if alone.
     *
     * @param items {@code (1, dimension, T_i)}
     * @return {@code (1, channels, T_i * hop)} per item
     */
    public List<NDArray> forwardItems(List<NDArray> items) {
        return model.forwardItems(items);
    }
}
