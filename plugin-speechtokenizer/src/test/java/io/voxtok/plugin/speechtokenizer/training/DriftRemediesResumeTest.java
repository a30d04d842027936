package io.voxtok.plugin.speechtokenizer.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.voxtok.modelio.SafetensorsReader;
import io.voxtok.modelio.Tensor;
import io.voxtok.training.TrainingRequest;
import io.voxtok.training.run.MetricsLog;
import io.voxtok.training.run.MetricsRecord;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The training-from-scratch settings of the shipped models (generator only, quantizer warm-up, codebooks clustered
 * on several batches, re-centring, dead-code re-seeding) on the tiny configuration: the warm-up steps bypass the
 * quantizer (all codes 0), the first quantized step uses clustered codebooks (several codes in use), and a run
 * stopped exactly at the end of the warm-up resumes to the weights and metrics of an uninterrupted run (the
 * clustering is redone from the same crops).
 */
class DriftRemediesResumeTest {
    private final SpeechTokenizerRecipe recipe = new SpeechTokenizerRecipe();

    private static Path config() {
        try {
            return Path.of(DriftRemediesResumeTest.class.getResource("/training/tiny-drift.json").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private void train(Path out, boolean resume, Integer steps) {
        recipe.train(new TrainingRequest(resume ? null : config(), ResumeAndExportTest.bundledCorpus(), null, out,
                resume, null, null, steps, Map.of()));
    }

    @SuppressWarnings("unchecked")
    private static double firstLayerPerplexity(MetricsRecord r) {
        return ((List<Number>) r.values().get("codebook_perplexity")).get(0).doubleValue();
    }

    @Test
    void warmUpThenClusteredCodesAndExactResumeAcrossTheClustering(@TempDir Path tmp) {
        Path straight = tmp.resolve("straight");
        train(straight, false, null);
        Path split = tmp.resolve("split");
        train(split, false, 2);
        train(split, true, 4);

        List<MetricsRecord> la = MetricsLog.read(straight.resolve("metrics.jsonl")).stream()
                .filter(r -> r.values().containsKey("codebook_perplexity")).toList();
        assertEquals(4, la.size());
        assertEquals(1.0, firstLayerPerplexity(la.get(0)), 1e-9, "warm-up step 1 bypasses the quantizer");
        assertEquals(1.0, firstLayerPerplexity(la.get(1)), 1e-9, "warm-up step 2 bypasses the quantizer");
        assertTrue(firstLayerPerplexity(la.get(2)) > 2.0, "step 3 quantizes with clustered codebooks: "
                + firstLayerPerplexity(la.get(2)));
        assertEquals(0.0, ((Number) la.get(1).values().get("L_q")).doubleValue(), 0.0);
        assertTrue(((Number) la.get(2).values().get("L_q")).doubleValue() > 0);

        List<MetricsRecord> all = MetricsLog.read(straight.resolve("metrics.jsonl"));
        List<MetricsRecord> lb = MetricsLog.read(split.resolve("metrics.jsonl"));
        assertEquals(all.size(), lb.size());
        for (int i = 0; i < all.size(); i++) {
            Map<String, Object> va = new TreeMap<>(all.get(i).values());
            Map<String, Object> vb = new TreeMap<>(lb.get(i).values());
            va.keySet().removeIf(k -> k.contains("seconds"));
            vb.keySet().removeIf(k -> k.contains("seconds"));
            assertEquals(va, vb, "metrics of record " + i);
        }
        String f = "generator.safetensors";
        Map<String, Tensor> ta = SafetensorsReader.read(straight.resolve("checkpoints/step-000004").resolve(f));
        Map<String, Tensor> tb = SafetensorsReader.read(split.resolve("checkpoints/step-000004").resolve(f));
        assertEquals(ta.keySet(), tb.keySet());
        for (String k : ta.keySet()) {
            assertArrayEquals(ta.get(k).toFloatArray(), tb.get(k).toFloatArray(), k);
        }
    }
}
