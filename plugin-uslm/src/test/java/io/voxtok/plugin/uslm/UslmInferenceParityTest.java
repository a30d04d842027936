package io.voxtok.plugin.uslm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.voxtok.modelio.Tensor;
import io.voxtok.plugin.uslm.generation.GenerationInput;
import io.voxtok.plugin.uslm.generation.GenerationOptions;
import io.voxtok.plugin.uslm.generation.GenerationResult;
import io.voxtok.plugin.uslm.generation.StopReason;
import io.voxtok.plugin.uslm.generation.UslmGenerator;
import io.voxtok.plugin.uslm.model.UslmModel;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Inference against the official fixtures ({@code infer_eos}, {@code infer_cap}, {@code top_k = 1}): codes exact, AR
 * step logits and NAR top-2 logits within the manifest tolerance, stop reason and step count as recorded; for the
 * KV-cached loop on every case and the official uncached loop on three of the four.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UslmInferenceParityTest {
    private UslmModel uslm;
    private UslmModel valle;

    @BeforeAll
    void load() {
        uslm = UslmFixture.load("uslm");
        valle = UslmFixture.load("valle");
    }

    @AfterAll
    void close() {
        uslm.close();
        valle.close();
    }

    /** The fixture's inference inputs as a generation input. */
    static GenerationInput input(String model, String c) {
        long[] x = UslmFixture.npy(model, "inputs/infer_" + c + "_x").toLongArray();
        Tensor p = UslmFixture.npy(model, "inputs/infer_" + c + "_prompt");
        long[] flat = p.toLongArray();
        int tp = (int) p.shape()[1];
        int q = (int) p.shape()[2];
        long[][] prompt = new long[tp][q];
        for (int t = 0; t < tp; t++) {
            System.arraycopy(flat, t * q, prompt[t], 0, q);
        }
        int enroll = (int) UslmFixture.npy(model, "inputs/infer_" + c + "_enroll_x_lens").toLongArray()[0];
        assertEquals(x.length, UslmFixture.npy(model, "inputs/infer_" + c + "_x_lens").toLongArray()[0]);
        return new GenerationInput(x, prompt, enroll);
    }

    @SuppressWarnings("unchecked")
    @ParameterizedTest(name = "{0} {1} kvCache={2}")
    // The official uncached loop re-encodes ~350 positions per step: it runs on the EOS cases only (and on the cap
    // case of one model) to keep the suite fast; the cached loop runs on every case.
    @CsvSource({"uslm,eos,false", "uslm,eos,true", "uslm,cap,false", "uslm,cap,true",
                "valle,eos,false", "valle,eos,true", "valle,cap,true"})
    void generationMatchesTheOfficialCodesAndLogits(String model, String c, boolean kvCache) {
        UslmModel m = model.equals("uslm") ? uslm : valle;
        GenerationOptions opts = GenerationOptions.greedy().withKvCache(kvCache).withRecordLogits(true);
        GenerationResult r = new UslmGenerator(m.network()).generate(input(model, c), opts);

        Tensor codes = UslmFixture.npy(model, "expected/infer_" + c + "_codes");
        long[] flat = new long[r.frames() * 8];
        for (int t = 0; t < r.frames(); t++) {
            System.arraycopy(r.codes()[t], 0, flat, t * 8, 8);
        }
        assertEquals(codes.shape()[1], r.frames(), "generated frames");
        assertArrayEquals(codes.toLongArray(), flat, "codes");

        Map<String, Object> info = inferCase(model, "infer_" + c);
        assertEquals(((Number) info.get("ar_steps")).intValue(), r.arSteps());
        assertEquals(c.equals("eos") ? StopReason.EOS_ARGMAX : StopReason.LENGTH_CAP, r.stopReason());

        float[] steps = new float[r.stepLogits().size() * 1025];
        for (int i = 0; i < r.stepLogits().size(); i++) {
            System.arraycopy(r.stepLogits().get(i), 0, steps, i * 1025, 1025);
        }
        String sl = "infer_" + c + "_ar_step_logits";
        UslmFixture.assertClose(UslmFixture.npy(model, "expected/" + sl).toFloatArray(), steps, atol(model, sl),
                model + " " + sl + " kv=" + kvCache);

        float[] top2 = new float[7 * r.frames() * 2];
        int k = 0;
        for (float[][] stage : r.narTop2()) {
            for (float[] f : stage) {
                top2[k++] = f[0];
                top2[k++] = f[1];
            }
        }
        String nt = "infer_" + c + "_nar_top2_logits";
        UslmFixture.assertClose(UslmFixture.npy(model, "expected/" + nt).toFloatArray(), top2, atol(model, nt),
                model + " " + nt);
    }

    @SuppressWarnings("unchecked")
    private static double atol(String model, String name) {
        Map<String, Object> tol = (Map<String, Object>) UslmFixture.expectedEntry(model, name).get("tolerance");
        return ((Number) tol.get("suggested_atol")).doubleValue();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> inferCase(String model, String name) {
        Map<String, Object> models = (Map<String, Object>) UslmFixture.manifest().get("models");
        for (Object o : (List<Object>) ((Map<String, Object>) models.get(model)).get("infer_cases")) {
            Map<String, Object> c = (Map<String, Object>) o;
            if (name.equals(c.get("case"))) {
                return c;
            }
        }
        throw new AssertionError("no infer case " + name);
    }
}
