package io.voxtok.plugin.hubert.model;

import io.voxtok.api.VoxtokException;
import io.voxtok.modelio.StateDict;
import io.voxtok.modelio.Tensor;
import io.voxtok.plugin.hubert.config.HubertConfig;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Maps the weight names of the HuBERT checkpoints in circulation to one canonical spelling, the Hugging Face
 * {@code HubertModel} names (SPEC 5.2) with the positional conv as {@code weight_g}/{@code weight_v}.
 *
 * <ul>
 *   <li>Hugging Face {@code pytorch_model.bin} / {@code model.safetensors}, optionally under {@code hubert.}
 *       (as in {@code HubertForCTC}; the task heads are then dropped); the positional conv spelled
 *       {@code weight_g/weight_v} or, from newer transformers/torch, {@code parametrizations.weight.original0/1}.</li>
 *   <li>fairseq {@code hubert_base_ls960.pt}: the state dict under {@code model} (read as {@code model.*} keys;
 *       the config objects next to it are never instantiated), with fairseq's module names.</li>
 * </ul>
 * Stateless.
 */
public final class HubertKeyMapper {
    /** Where a checkpoint comes from. */
    public enum Layout {
        /** transformers {@code HubertModel} names. */
        HUGGING_FACE,
        /** fairseq {@code HubertModel} names. */
        FAIRSEQ
    }

    /** Canonical names that inference does not use: the mask embedding and fairseq's pre-training heads. */
    public static final Set<String> IGNORABLE = Set.of("masked_spec_embed", "final_proj.*", "label_embs_concat");

    private static final Pattern FS_CONV = Pattern.compile("feature_extractor\\.conv_layers\\.(\\d+)\\.0\\.(weight|bias)");
    private static final Pattern FS_GROUP_NORM = Pattern.compile("feature_extractor\\.conv_layers\\.0\\.2\\.(weight|bias)");
    private static final Pattern FS_LAYER = Pattern.compile("encoder\\.layers\\.(\\d+)\\.(.+)");

    private HubertKeyMapper() {
    }

    /** Which naming a (prefix-free) set of keys uses. */
    public static Layout detect(Set<String> keys) {
        for (String k : keys) {
            if (k.startsWith("post_extract_proj.") || k.startsWith("encoder.pos_conv.0.") || k.contains(".self_attn.")) {
                return Layout.FAIRSEQ;
            }
        }
        return Layout.HUGGING_FACE;
    }

    /**
     * Removes the container prefix: {@code model.} of a fairseq checkpoint, {@code hubert.} of a Hugging Face
     * model with a head. Other entries outside the prefix (optimizer state, task heads) are dropped.
     */
    public static StateDict stripContainer(StateDict raw) {
        if (raw.contains("model.post_extract_proj.weight") || raw.contains("model.encoder.pos_conv.0.bias")) {
            return raw.subDict("model.");
        }
        if (raw.contains("hubert.encoder.layer_norm.weight")) {
            return raw.subDict("hubert.");
        }
        return raw;
    }

    /**
     * The canonical name of a key of the given layout (keys that need no change come back as they are).
     */
    public static String canonicalName(String key, Layout layout) {
        String k = key.replace("pos_conv_embed.conv.parametrizations.weight.original0", "pos_conv_embed.conv.weight_g")
                .replace("pos_conv_embed.conv.parametrizations.weight.original1", "pos_conv_embed.conv.weight_v");
        if (layout == Layout.HUGGING_FACE) {
            return k;
        }
        k = k.replace("pos_conv.0.parametrizations.weight.original0", "pos_conv.0.weight_g")
                .replace("pos_conv.0.parametrizations.weight.original1", "pos_conv.0.weight_v");
        Matcher m = FS_GROUP_NORM.matcher(k);
        if (m.matches()) {
            return "feature_extractor.conv_layers.0.layer_norm." + m.group(1);
        }
        m = FS_CONV.matcher(k);
        if (m.matches()) {
            return "feature_extractor.conv_layers." + m.group(1) + ".conv." + m.group(2);
        }
        if (k.startsWith("layer_norm.")) {
            return "feature_projection." + k;
        }
        if (k.startsWith("post_extract_proj.")) {
            return "feature_projection.projection." + k.substring("post_extract_proj.".length());
        }
        if (k.equals("mask_emb")) {
            return "masked_spec_embed";
        }
        if (k.startsWith("encoder.pos_conv.0.")) {
            return "encoder.pos_conv_embed.conv." + k.substring("encoder.pos_conv.0.".length());
        }
        m = FS_LAYER.matcher(k);
        if (m.matches()) {
            String rest = m.group(2);
            if (rest.startsWith("self_attn_layer_norm.")) {
                rest = "layer_norm." + rest.substring("self_attn_layer_norm.".length());
            } else if (rest.startsWith("self_attn.")) {
                rest = "attention." + rest.substring("self_attn.".length());
            } else if (rest.startsWith("fc1.")) {
                rest = "feed_forward.intermediate_dense." + rest.substring(4);
            } else if (rest.startsWith("fc2.")) {
                rest = "feed_forward.output_dense." + rest.substring(4);
            }
            return "encoder.layers." + m.group(1) + "." + rest;
        }
        return k;
    }

    /**
     * A checkpoint renamed to canonical names (container prefix removed, layout detected), same source file.
     *
     * @throws VoxtokException USER_INPUT when two keys map to the same name
     */
    public static StateDict toCanonical(StateDict raw) {
        StateDict inner = stripContainer(raw);
        Layout layout = detect(inner.keys());
        Map<String, Tensor> out = new LinkedHashMap<>();
        Map<String, String> from = new LinkedHashMap<>();
        for (String k : inner.keys()) {
            String c = canonicalName(k, layout);
            if (out.put(c, inner.get(k)) != null) {
                throw VoxtokException.userInput("checkpoint " + raw.source() + ": keys '" + from.get(c) + "' and '" + k
                        + "' both mean '" + c + "'");
            }
            from.put(c, k);
        }
        return StateDict.of(out, raw.source());
    }

    /** The canonical names a model of this configuration needs. */
    public static Set<String> expectedKeys(HubertConfig cfg) {
        Set<String> s = new LinkedHashSet<>();
        for (int i = 0; i < cfg.numConvLayers(); i++) {
            s.add("feature_extractor.conv_layers." + i + ".conv.weight");
            if (cfg.convBias()) {
                s.add("feature_extractor.conv_layers." + i + ".conv.bias");
            }
        }
        s.add("feature_extractor.conv_layers.0.layer_norm.weight");
        s.add("feature_extractor.conv_layers.0.layer_norm.bias");
        if (cfg.featProjLayerNorm()) {
            s.add("feature_projection.layer_norm.weight");
            s.add("feature_projection.layer_norm.bias");
        }
        s.add("feature_projection.projection.weight");
        s.add("feature_projection.projection.bias");
        s.add("encoder.pos_conv_embed.conv.weight_g");
        s.add("encoder.pos_conv_embed.conv.weight_v");
        s.add("encoder.pos_conv_embed.conv.bias");
        s.add("encoder.layer_norm.weight");
        s.add("encoder.layer_norm.bias");
        for (int n = 0; n < cfg.numHiddenLayers(); n++) {
            String p = "encoder.layers." + n + ".";
            for (String proj : new String[] {"q_proj", "k_proj", "v_proj", "out_proj"}) {
                s.add(p + "attention." + proj + ".weight");
                s.add(p + "attention." + proj + ".bias");
            }
            for (String w : new String[] {"layer_norm", "feed_forward.intermediate_dense", "feed_forward.output_dense",
                "final_layer_norm"}) {
                s.add(p + w + ".weight");
                s.add(p + w + ".bias");
            }
        }
        return s;
    }
}
