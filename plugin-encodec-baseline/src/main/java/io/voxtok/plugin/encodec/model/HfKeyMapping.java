package io.voxtok.plugin.encodec.model;

import io.voxtok.modelio.StateDict;
import io.voxtok.modelio.Tensor;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renames the keys of a Hugging Face {@code EncodecModel} checkpoint (transformers' module names) to the official
 * EnCodec names that the builder reads. Module indices are the same in both layouts; only the wrapping differs:
 *
 * <table>
 *   <caption>Hugging Face key to official key</caption>
 *   <tr><th>Hugging Face</th><th>official</th></tr>
 *   <tr><td>{@code encoder.layers.N.conv.weight_g}</td><td>{@code encoder.model.N.conv.conv.weight_g}</td></tr>
 *   <tr><td>{@code encoder.layers.N.norm.weight}</td><td>{@code encoder.model.N.conv.norm.weight}</td></tr>
 *   <tr><td>{@code decoder.layers.N.conv.weight_v} (transposed)</td>
 *       <td>{@code decoder.model.N.convtr.convtr.weight_v}</td></tr>
 *   <tr><td>{@code decoder.layers.N.norm.bias} (transposed)</td><td>{@code decoder.model.N.convtr.norm.bias}</td></tr>
 *   <tr><td>{@code encoder.layers.N.block.1.conv.bias}</td><td>{@code encoder.model.N.block.1.conv.conv.bias}</td></tr>
 *   <tr><td>{@code encoder.layers.N.shortcut.conv.bias}</td><td>{@code encoder.model.N.shortcut.conv.conv.bias}</td></tr>
 *   <tr><td>{@code encoder.layers.N.lstm.weight_ih_l0}</td><td>{@code encoder.model.N.lstm.weight_ih_l0}</td></tr>
 *   <tr><td>{@code quantizer.layers.K.codebook.embed}</td><td>{@code quantizer.vq.layers.K._codebook.embed}</td></tr>
 *   <tr><td>{@code ...conv.parametrizations.weight.original0 / original1}</td><td>{@code weight_g / weight_v}</td></tr>
 * </table>
 *
 * Transposed convolutions are recognised by their index in the decoder, which follows from the configuration.
 */
public final class HfKeyMapping {
    private static final Pattern SEANET = Pattern.compile("(encoder|decoder)\\.layers\\.(\\d+)\\.(.+)");
    private static final Pattern QUANTIZER = Pattern.compile("quantizer\\.layers\\.(\\d+)\\.codebook\\.(.+)");
    private static final Pattern CONV = Pattern.compile("((?:block\\.\\d+\\.|shortcut\\.)?)(conv|norm)\\.(.+)");

    private HfKeyMapping() {
    }

    /** Whether the checkpoint uses the Hugging Face layout. */
    public static boolean isHuggingFace(StateDict dict) {
        return dict.keys().stream().anyMatch(k -> k.startsWith("encoder.layers.") || k.startsWith("quantizer.layers."));
    }

    /** The same tensors under official names (keys it does not recognise are kept, and reported by the loader). */
    public static StateDict toOfficial(StateDict dict, EncodecConfig cfg) {
        Set<Integer> transposed = Set.copyOf(EncodecSeanetBuilder.decoderTransposedIndices(cfg));
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (String key : dict.keys()) {
            out.put(officialName(key, transposed), dict.get(key));
        }
        return StateDict.of(out, dict.source());
    }

    /** The official name of one Hugging Face key. */
    static String officialName(String key, Set<Integer> decoderTransposed) {
        String k = key.replace(".parametrizations.weight.original0", ".weight_g")
                .replace(".parametrizations.weight.original1", ".weight_v");
        Matcher q = QUANTIZER.matcher(k);
        if (q.matches()) {
            return "quantizer.vq.layers." + q.group(1) + "._codebook." + q.group(2);
        }
        Matcher m = SEANET.matcher(k);
        if (!m.matches()) {
            return k;
        }
        String part = m.group(1);
        int index = Integer.parseInt(m.group(2));
        String rest = m.group(3);
        String head = part + ".model." + index + ".";
        Matcher c = CONV.matcher(rest);
        if (rest.startsWith("lstm.") || !c.matches()) {
            return head + rest;
        }
        boolean isTransposed = part.equals("decoder") && c.group(1).isEmpty() && decoderTransposed.contains(index);
        String wrapper = isTransposed ? "convtr." : "conv.";
        String inner = c.group(2).equals("conv") ? wrapper : "norm.";
        return head + c.group(1) + wrapper + inner + c.group(3);
    }
}
