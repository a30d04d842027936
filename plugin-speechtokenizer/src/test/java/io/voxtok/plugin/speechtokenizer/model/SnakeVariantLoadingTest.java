package io.voxtok.plugin.speechtokenizer.model;

import ai.djl.Device;
import io.voxtok.modelio.StateDict;
import io.voxtok.modelio.Tensor;
import io.voxtok.nn.seanet.SeanetActivation;
import io.voxtok.plugin.speechtokenizer.config.SpeechTokenizerConfig;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Snake variant's checkpoint layout (SPEC 2.9): the ELU fixture's tensors plus the 26 {@code alpha}
 * tensors, named and shaped as listed in the spec, load without missing or unexpected keys. (There is no
 * official Snake output to compare against; Snake itself is checked in sdk-nn.)
 */
class SnakeVariantLoadingTest {

    @Test
    void loadsTheTwentySixAlphaTensors() {
        SpeechTokenizerConfig elu = SpeechTokenizerConfig.read(Fixture.dir().resolve("config.json"));
        SpeechTokenizerConfig snake = new SpeechTokenizerConfig(elu.nFilters(), elu.strides(), elu.dimension(),
                elu.semanticDimension(), elu.bidirectional(), elu.dilationBase(), elu.residualKernelSize(),
                elu.nResidualLayers(), elu.lstmLayers(), SeanetActivation.SNAKE, elu.codebookSize(), elu.nQ(),
                elu.sampleRate());
        StateDict sd = StateDict.read(Fixture.dir().resolve("model.pt"));
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        for (String k : sd.keys()) {
            tensors.put(k, sd.get(k));
        }
        int f = elu.nFilters();
        int[] encStage = {1, 4, 7, 10};
        int[] decStage = {4, 7, 10, 13};
        for (int i = 0; i < 4; i++) {
            int encDim = f << i;          // residual block widths F, 2F, 4F, 8F
            int decDim = (8 * f) >> i;    // decoder blocks after each transposed conv: 8F, 4F, 2F, F
            alpha(tensors, "encoder.model." + encStage[i] + ".block.0.alpha", encDim);
            alpha(tensors, "encoder.model." + encStage[i] + ".block.2.alpha", encDim / 2);
            alpha(tensors, "encoder.model." + (encStage[i] + 1) + ".alpha", encDim);
            alpha(tensors, "decoder.model." + decStage[i] + ".block.0.alpha", decDim);
            alpha(tensors, "decoder.model." + decStage[i] + ".block.2.alpha", decDim / 2);
            alpha(tensors, "decoder.model." + (decStage[i] + 1) + ".alpha", decDim);
        }
        alpha(tensors, "encoder.model.14.alpha", 32 * f);  // after the BiLSTM: [x; x]
        alpha(tensors, "decoder.model.2.alpha", 16 * f);
        assertEquals(166 + 26, tensors.size());
        try (SpeechTokenizerModel model = SpeechTokenizerModel.fromStateDict(snake,
                StateDict.of(tensors, null), Device.cpu())) {
            float[] x = Fixture.utterance("utt1");
            EncodedBatch codes = model.encode(new float[][] {x}, 0, 8);
            assertEquals(model.framesFor(x.length), codes.codes()[0][0].length);
            float[] y = model.decode(codes.codes(), 0)[0];
            for (float v : y) {
                assertTrue(Float.isFinite(v));
            }
        }
    }

    private static void alpha(Map<String, Tensor> tensors, String key, int channels) {
        float[] ones = new float[channels];
        java.util.Arrays.fill(ones, 1f);
        tensors.put(key, Tensor.ofFloats(ones, 1, channels, 1));
    }
}
