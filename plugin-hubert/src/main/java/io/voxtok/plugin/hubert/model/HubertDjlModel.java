package io.voxtok.plugin.hubert.model;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.convolutional.Conv1d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.LayerNorm;
import io.voxtok.api.VoxtokException;
import io.voxtok.modelio.StateDict;
import io.voxtok.modelio.Tensor;
import io.voxtok.nn.ParameterLoader;
import io.voxtok.plugin.hubert.config.HubertConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * HuBERT (group-norm extractor, post-LN encoder; HF {@code HubertModel} with {@code do_stable_layer_norm=false})
 * on DJL's PyTorch engine, inference only.
 *
 * <p>Forward (SPEC 5.1): 7 unpadded convs, GroupNorm with one group per channel after the first only, exact
 * GELU after each; LayerNorm + Linear projection; positional conv (weight norm over dim 2 folded at load,
 * padding K/2, groups G, last frame dropped for an even kernel, GELU) added; encoder LayerNorm; then layers
 * {@code x = LN(x + Attn(x)); x = LN(x + W2 GELU(W1 x))}.
 *
 * <p>Batches: items of different lengths are zero-padded; the group norm statistics are taken over each item's
 * own frames, padded frames are zeroed before the positional conv and masked out of attention keys, so every item
 * equals running it alone (up to float rounding). Thread-safe: weights are read-only and each call works in its own
 * sub-manager. Owns the weights' NDManager until {@link #close}.
 */
public final class HubertDjlModel implements HubertEncoder {
    private final HubertConfig cfg;
    private final NDManager manager;
    private final NDArray[] convW;
    private final NDArray[] convB;
    private final NDArray gnW;
    private final NDArray gnB;
    private final NDArray fpLnW;
    private final NDArray fpLnB;
    private final NDArray projW;
    private final NDArray projB;
    private final NDArray posW;
    private final NDArray posB;
    private final NDArray encLnW;
    private final NDArray encLnB;
    private final NDArray[][] layers;

    /**
     * Copies the weights onto {@code device}.
     *
     * @param checkpoint weights under canonical names, checked against the configuration
     * @param device     where to run
     */
    public HubertDjlModel(HubertCheckpoint checkpoint, Device device) {
        this.cfg = checkpoint.config();
        StateDict sd = checkpoint.weights();
        this.manager = Engine.getEngine("PyTorch").newBaseManager(device);
        boolean ok = false;
        try {
            int n = cfg.numConvLayers();
            int[] dims = cfg.convDim();
            int[] kernels = cfg.convKernel();
            convW = new NDArray[n];
            convB = new NDArray[n];
            int in = 1;
            for (int i = 0; i < n; i++) {
                String p = "feature_extractor.conv_layers." + i + ".conv.";
                convW[i] = load(sd, p + "weight", dims[i], in, kernels[i]);
                convB[i] = cfg.convBias() ? load(sd, p + "bias", dims[i]) : null;
                in = dims[i];
            }
            gnW = load(sd, "feature_extractor.conv_layers.0.layer_norm.weight", dims[0]).reshape(dims[0], 1);
            gnB = load(sd, "feature_extractor.conv_layers.0.layer_norm.bias", dims[0]).reshape(dims[0], 1);
            int c = dims[n - 1];
            int d = cfg.hiddenSize();
            fpLnW = cfg.featProjLayerNorm() ? load(sd, "feature_projection.layer_norm.weight", c) : null;
            fpLnB = cfg.featProjLayerNorm() ? load(sd, "feature_projection.layer_norm.bias", c) : null;
            projW = load(sd, "feature_projection.projection.weight", d, c);
            projB = load(sd, "feature_projection.projection.bias", d);
            int k = cfg.numConvPosEmbeddings();
            NDArray g = load(sd, "encoder.pos_conv_embed.conv.weight_g", 1, 1, k);
            NDArray v = load(sd, "encoder.pos_conv_embed.conv.weight_v", d, d / cfg.numConvPosEmbeddingGroups(), k);
            // weight norm with dim=2: w = v * (g / ||v||), the norm taken per kernel tap over (out, in/groups)
            posW = v.mul(g.div(v.square().sum(new int[] {0, 1}, true).sqrt()));
            posB = load(sd, "encoder.pos_conv_embed.conv.bias", d);
            encLnW = load(sd, "encoder.layer_norm.weight", d);
            encLnB = load(sd, "encoder.layer_norm.bias", d);
            int f = cfg.intermediateSize();
            layers = new NDArray[cfg.numHiddenLayers()][];
            for (int l = 0; l < layers.length; l++) {
                String p = "encoder.layers." + l + ".";
                layers[l] = new NDArray[] {
                    load(sd, p + "attention.q_proj.weight", d, d), load(sd, p + "attention.q_proj.bias", d),
                    load(sd, p + "attention.k_proj.weight", d, d), load(sd, p + "attention.k_proj.bias", d),
                    load(sd, p + "attention.v_proj.weight", d, d), load(sd, p + "attention.v_proj.bias", d),
                    load(sd, p + "attention.out_proj.weight", d, d), load(sd, p + "attention.out_proj.bias", d),
                    load(sd, p + "layer_norm.weight", d), load(sd, p + "layer_norm.bias", d),
                    load(sd, p + "feed_forward.intermediate_dense.weight", f, d),
                    load(sd, p + "feed_forward.intermediate_dense.bias", f),
                    load(sd, p + "feed_forward.output_dense.weight", d, f), load(sd, p + "feed_forward.output_dense.bias", d),
                    load(sd, p + "final_layer_norm.weight", d), load(sd, p + "final_layer_norm.bias", d),
                };
            }
            ok = true;
        } finally {
            if (!ok) {
                manager.close();
            }
        }
    }

    private NDArray load(StateDict sd, String key, long... shape) {
        Tensor t = sd.require(key, shape);
        String problem = ParameterLoader.valueProblem(t);
        if (problem != null) {
            throw VoxtokException.userInput("checkpoint " + sd.source() + ": tensor '" + key + "' " + problem);
        }
        return manager.create(t.toFloatArray(), new Shape(shape));
    }

    @Override
    public HubertConfig config() {
        return cfg;
    }

    @Override
    public List<HubertHiddenStates> run(List<float[]> waves, boolean withCnnOutput) {
        int batch = waves.size();
        List<HubertHiddenStates> out = new ArrayList<>(batch);
        if (batch == 0) {
            return out;
        }
        int maxLen = 0;
        for (float[] w : waves) {
            maxLen = Math.max(maxLen, w.length);
        }
        int[] frames = new int[batch];
        int maxFrames = cfg.frames(maxLen);
        if (maxFrames == 0) {
            // every item is shorter than the receptive field (400 samples for base)
            for (int b = 0; b < batch; b++) {
                out.add(new HubertHiddenStates(emptyStates(), 0, cfg.hiddenSize(), withCnnOutput ? new float[0] : null,
                        cfg.convDim()[cfg.numConvLayers() - 1]));
            }
            return out;
        }
        float[] flat = new float[batch * maxLen];
        for (int b = 0; b < batch; b++) {
            float[] w = waves.get(b);
            System.arraycopy(w, 0, flat, b * maxLen, w.length);
            frames[b] = cfg.frames(w.length);
        }
        boolean padded = false;
        for (int b = 0; b < batch; b++) {
            padded |= waves.get(b).length != maxLen;
        }
        int d = cfg.hiddenSize();
        try (NDManager m = manager.newSubManager()) {
            NDArray x = m.create(flat, new Shape(batch, 1, maxLen));
            NDArray h = featureExtractor(x, waves, maxLen, padded);
            NDArray cnn = h.transpose(0, 2, 1);
            int c = (int) cnn.getShape().get(2);
            float[] cnnAll = withCnnOutput ? cnn.toFloatArray() : null;
            NDArray y = cfg.featProjLayerNorm() ? LayerNorm.layerNorm(cnn, new Shape(c), fpLnW, fpLnB, cfg.layerNormEps())
                    .singletonOrThrow() : cnn;
            y = Linear.linear(y, projW, projB).singletonOrThrow();
            NDArray keyBias = null;
            if (padded) {
                float[] mask = new float[batch * maxFrames];
                float[] bias = new float[batch * maxFrames];
                for (int b = 0; b < batch; b++) {
                    for (int t = 0; t < maxFrames; t++) {
                        mask[b * maxFrames + t] = t < frames[b] ? 1f : 0f;
                        bias[b * maxFrames + t] = t < frames[b] ? 0f : -Float.MAX_VALUE;
                    }
                }
                // padded frames must not leak into real ones through the positional conv
                y = y.mul(m.create(mask, new Shape(batch, maxFrames, 1)));
                keyBias = m.create(bias, new Shape(batch, 1, 1, maxFrames));
            }
            int k = cfg.numConvPosEmbeddings();
            NDArray pos = Conv1d.conv1d(y.transpose(0, 2, 1), posW, posB, new Shape(1), new Shape(k / 2), new Shape(1),
                    cfg.numConvPosEmbeddingGroups()).singletonOrThrow();
            if (pos.getShape().get(2) != maxFrames) {
                pos = pos.get(":, :, :" + maxFrames); // even kernel: drop the extra last frame
            }
            y = y.add(Activation.gelu(pos).transpose(0, 2, 1));
            y = LayerNorm.layerNorm(y, new Shape(d), encLnW, encLnB, cfg.layerNormEps()).singletonOrThrow();
            List<float[]> states = new ArrayList<>();
            states.add(y.toFloatArray());
            for (NDArray[] w : layers) {
                y = encoderLayer(y, w, keyBias, batch, maxFrames);
                states.add(y.toFloatArray());
            }
            for (int b = 0; b < batch; b++) {
                float[][] item = new float[states.size()][];
                for (int s = 0; s < item.length; s++) {
                    item[s] = new float[frames[b] * d];
                    System.arraycopy(states.get(s), b * maxFrames * d, item[s], 0, frames[b] * d);
                }
                float[] cnnItem = null;
                if (cnnAll != null) {
                    cnnItem = new float[frames[b] * c];
                    System.arraycopy(cnnAll, b * maxFrames * c, cnnItem, 0, frames[b] * c);
                }
                out.add(new HubertHiddenStates(item, frames[b], d, cnnItem, c));
            }
        }
        return out;
    }

    private float[][] emptyStates() {
        float[][] s = new float[cfg.numHiddenLayers() + 1][];
        for (int i = 0; i < s.length; i++) {
            s[i] = new float[0];
        }
        return s;
    }

    /** The conv stack; returns (B, C, T). */
    private NDArray featureExtractor(NDArray x, List<float[]> waves, int maxLen, boolean padded) {
        int[] strides = cfg.convStride();
        NDArray h = conv(x, 0, strides[0]);
        h = groupNorm(h, waves, padded);
        h = Activation.gelu(h);
        for (int i = 1; i < convW.length; i++) {
            h = Activation.gelu(conv(h, i, strides[i]));
        }
        return h;
    }

    private NDArray conv(NDArray x, int i, int stride) {
        return convB[i] == null
                ? Conv1d.conv1d(x, convW[i], null, new Shape(stride), new Shape(0), new Shape(1), 1).singletonOrThrow()
                : Conv1d.conv1d(x, convW[i], convB[i], new Shape(stride), new Shape(0), new Shape(1), 1).singletonOrThrow();
    }

    /**
     * GroupNorm with one group per channel: each channel normalised over its item's valid frames (biased variance,
     * eps), then scaled and shifted per channel.
     */
    private NDArray groupNorm(NDArray h, List<float[]> waves, boolean padded) {
        float eps = 1e-5f;
        if (!padded) {
            return normaliseOverTime(h, eps).mul(gnW).add(gnB);
        }
        long t0 = h.getShape().get(2);
        NDList items = new NDList();
        for (int b = 0; b < waves.size(); b++) {
            int valid = cfg.framesAfterConv(0, waves.get(b).length);
            NDArray item = h.get(b);
            if (valid == 0) {
                items.add(item.zerosLike());
                continue;
            }
            NDArray normed = normaliseOverTime(item.get(":, :" + valid), eps).mul(gnW).add(gnB);
            if (valid < t0) {
                normed = NDArrays.concat(new NDList(normed, item.get(":, " + valid + ":").zerosLike()), 1);
            }
            items.add(normed);
        }
        return NDArrays.stack(items);
    }

    private static NDArray normaliseOverTime(NDArray h, float eps) {
        int axis = h.getShape().dimension() - 1;
        NDArray mean = h.mean(new int[] {axis}, true);
        NDArray centred = h.sub(mean);
        NDArray var = centred.square().mean(new int[] {axis}, true);
        return centred.div(var.add(eps).sqrt());
    }

    private NDArray encoderLayer(NDArray x, NDArray[] w, NDArray keyBias, int batch, int frames) {
        int d = cfg.hiddenSize();
        int heads = cfg.numAttentionHeads();
        int hd = d / heads;
        NDArray q = Linear.linear(x, w[0], w[1]).singletonOrThrow().mul((float) Math.pow(hd, -0.5));
        NDArray k = Linear.linear(x, w[2], w[3]).singletonOrThrow();
        NDArray v = Linear.linear(x, w[4], w[5]).singletonOrThrow();
        q = q.reshape(batch, frames, heads, hd).transpose(0, 2, 1, 3);
        k = k.reshape(batch, frames, heads, hd).transpose(0, 2, 3, 1);
        v = v.reshape(batch, frames, heads, hd).transpose(0, 2, 1, 3);
        NDArray scores = q.matMul(k);
        if (keyBias != null) {
            scores = scores.add(keyBias);
        }
        NDArray a = scores.softmax(-1).matMul(v).transpose(0, 2, 1, 3).reshape(batch, frames, d);
        a = Linear.linear(a, w[6], w[7]).singletonOrThrow();
        NDArray y = LayerNorm.layerNorm(x.add(a), new Shape(d), w[8], w[9], cfg.layerNormEps()).singletonOrThrow();
        NDArray f = Activation.gelu(Linear.linear(y, w[10], w[11]).singletonOrThrow());
        f = Linear.linear(f, w[12], w[13]).singletonOrThrow();
        return LayerNorm.layerNorm(y.add(f), new Shape(d), w[14], w[15], cfg.layerNormEps()).singletonOrThrow();
    }

    @Override
    public void close() {
        manager.close();
    }
}
