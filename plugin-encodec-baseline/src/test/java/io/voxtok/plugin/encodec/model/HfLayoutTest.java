package io.voxtok.plugin.encodec.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import io.voxtok.modelio.SafetensorsWriter;
import io.voxtok.modelio.StateDict;
import io.voxtok.modelio.Tensor;
import io.voxtok.plugin.encodec.EncodecFixture;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Hugging Face layout: the fixture's official checkpoint is rewritten under transformers' {@code EncodecModel}
 * key names (as its module tree names them: {@code encoder.layers.N.conv.weight_g}, {@code decoder.layers.N.conv}
 * for transposed convolutions, {@code N.norm}, {@code quantizer.layers.K.codebook.embed}; weight norm as
 * {@code weight_g/weight_v} or as {@code parametrizations.weight.original0/1}) into a {@code model.safetensors} with
 * an HF {@code config.json}; the loaded model must give the official codes.
 */
class HfLayoutTest {
    @TempDir
    Path tmp;

    @Test
    void huggingFaceCheckpointGivesOfficialCodes() throws IOException {
        for (boolean parametrizations : new boolean[] {false, true}) {
            Path dir = Files.createDirectories(tmp.resolve(parametrizations ? "param" : "plain"));
            StateDict official = StateDict.read(EncodecFixture.dir().resolve("model.pt"));
            Map<String, Tensor> hf = new LinkedHashMap<>();
            for (String key : official.keys()) {
                hf.put(hfName(key, parametrizations), official.get(key));
            }
            assertTrue(hf.containsKey("decoder.layers.3.conv.bias"), "a transposed conv under HF naming");
            SafetensorsWriter.write(dir.resolve("model.safetensors"), hf);
            Files.writeString(dir.resolve("config.json"), HF_CONFIG);

            EncodecModelFiles files = EncodecModelFiles.resolve(dir);
            EncodecConfig fixtureConfig = EncodecConfigReader.read(EncodecFixture.dir().resolve("config.json"));
            assertEquals(fixtureConfig.toString().replace("name=unset", "name=encodec_24khz"),
                    files.config().toString(), "HF config.json read as the fixture's constructor arguments");
            try (EncodecModel model = EncodecModel.load(dir, Device.cpu())) {
                float[] x = EncodecFixture.wav("utt2_24k.wav");
                List<EncodedFrame> frames = model.encode(new float[][] {x}, model.config().codebooksFor(6.0));
                EncodecFixture.assertCodes("expected/utt2_codes_bw6.0.npy",
                        EncodecFixture.expected("utt2_codes_bw6.0.npy").toLongArray(), frames.get(0).codes());
            }
        }
    }

    /** transformers' name of an official key (written from the HF module tree, independently of the mapping). */
    private static String hfName(String key, boolean parametrizations) {
        String k = key;
        if (k.startsWith("quantizer.vq.layers.")) {
            return k.replace("quantizer.vq.layers.", "quantizer.layers.").replace("._codebook.", ".codebook.");
        }
        k = k.replace("encoder.model.", "encoder.layers.").replace("decoder.model.", "decoder.layers.")
                .replace("convtr.convtr.", "conv.").replace("conv.conv.", "conv.")
                .replace("convtr.norm.", "norm.").replace("conv.norm.", "norm.");
        if (parametrizations) {
            k = k.replace("conv.weight_g", "conv.parametrizations.weight.original0")
                    .replace("conv.weight_v", "conv.parametrizations.weight.original1");
        }
        return k;
    }

    private static final String HF_CONFIG = """
            {
              "architectures": ["EncodecModel"],
              "model_type": "encodec",
              "audio_channels": 1,
              "chunk_length_s": null,
              "codebook_dim": null,
              "codebook_size": 64,
              "compress": 2,
              "dilation_growth_rate": 2,
              "hidden_size": 32,
              "kernel_size": 7,
              "last_kernel_size": 7,
              "norm_type": "weight_norm",
              "normalize": false,
              "num_filters": 8,
              "num_lstm_layers": 2,
              "num_residual_layers": 1,
              "overlap": null,
              "pad_mode": "reflect",
              "residual_kernel_size": 3,
              "sampling_rate": 24000,
              "target_bandwidths": [1.5, 3.0, 6.0, 12.0, 24.0],
              "trim_right_ratio": 1.0,
              "upsampling_ratios": [8, 5, 4, 2],
              "use_causal_conv": true,
              "use_conv_shortcut": true
            }
            """;
}
