package io.voxtok.plugin.hubert.model;

import static io.voxtok.plugin.hubert.model.HubertKeyMapper.Layout.FAIRSEQ;
import static io.voxtok.plugin.hubert.model.HubertKeyMapper.Layout.HUGGING_FACE;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.voxtok.plugin.hubert.config.HubertConfig;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The name table of SPEC 5.2. */
class HubertKeyMapperTest {
    @Test
    void fairseqNamesMapToHuggingFaceNames() {
        String[][] table = {
            {"feature_extractor.conv_layers.0.0.weight", "feature_extractor.conv_layers.0.conv.weight"},
            {"feature_extractor.conv_layers.0.2.weight", "feature_extractor.conv_layers.0.layer_norm.weight"},
            {"feature_extractor.conv_layers.0.2.bias", "feature_extractor.conv_layers.0.layer_norm.bias"},
            {"feature_extractor.conv_layers.6.0.weight", "feature_extractor.conv_layers.6.conv.weight"},
            {"layer_norm.weight", "feature_projection.layer_norm.weight"},
            {"post_extract_proj.bias", "feature_projection.projection.bias"},
            {"mask_emb", "masked_spec_embed"},
            {"encoder.pos_conv.0.weight_g", "encoder.pos_conv_embed.conv.weight_g"},
            {"encoder.pos_conv.0.weight_v", "encoder.pos_conv_embed.conv.weight_v"},
            {"encoder.pos_conv.0.bias", "encoder.pos_conv_embed.conv.bias"},
            {"encoder.layer_norm.bias", "encoder.layer_norm.bias"},
            {"encoder.layers.11.self_attn.k_proj.weight", "encoder.layers.11.attention.k_proj.weight"},
            {"encoder.layers.3.self_attn_layer_norm.weight", "encoder.layers.3.layer_norm.weight"},
            {"encoder.layers.3.fc1.bias", "encoder.layers.3.feed_forward.intermediate_dense.bias"},
            {"encoder.layers.3.fc2.weight", "encoder.layers.3.feed_forward.output_dense.weight"},
            {"encoder.layers.3.final_layer_norm.weight", "encoder.layers.3.final_layer_norm.weight"},
            {"final_proj.weight", "final_proj.weight"},
            {"label_embs_concat", "label_embs_concat"},
        };
        for (String[] row : table) {
            assertEquals(row[1], HubertKeyMapper.canonicalName(row[0], FAIRSEQ), row[0]);
        }
        assertEquals(FAIRSEQ, HubertKeyMapper.detect(Set.of("post_extract_proj.weight", "layer_norm.weight")));
    }

    @Test
    void huggingFaceParametrizationSpellingMapsToWeightGV() {
        assertEquals("encoder.pos_conv_embed.conv.weight_g",
                HubertKeyMapper.canonicalName("encoder.pos_conv_embed.conv.parametrizations.weight.original0", HUGGING_FACE));
        assertEquals("encoder.pos_conv_embed.conv.weight_v",
                HubertKeyMapper.canonicalName("encoder.pos_conv_embed.conv.parametrizations.weight.original1", HUGGING_FACE));
        assertEquals("encoder.layers.0.attention.q_proj.bias",
                HubertKeyMapper.canonicalName("encoder.layers.0.attention.q_proj.bias", HUGGING_FACE));
        assertEquals(HUGGING_FACE, HubertKeyMapper.detect(Set.of("feature_projection.projection.weight")));
    }

    @Test
    void baseModelExpectsTheHuggingFaceTensorCount() {
        // HubertModel base: 7 conv weights + group norm 2 + projection LN 2 + projection 2 + pos conv 3
        // + encoder LN 2 + 12 layers x 16 = 210 tensors (masked_spec_embed excluded)
        assertEquals(210, HubertKeyMapper.expectedKeys(HubertConfig.base()).size());
    }
}
