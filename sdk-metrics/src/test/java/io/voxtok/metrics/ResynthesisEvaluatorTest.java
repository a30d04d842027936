package io.voxtok.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.voxtok.api.VoxtokException;
import io.voxtok.api.audio.AudioBuffer;
import io.voxtok.api.bench.Metric;
import io.voxtok.audio.AudioReader;
import io.voxtok.audio.WavWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pairs files by name, computes metrics per file, summarises and writes JSON + Markdown. */
class ResynthesisEvaluatorTest {
    @TempDir
    Path dir;

    private static final String[] NAMES = {"slt_v0/slt_v0_train_00000", "awb_v0/awb_v0_train_00001"};

    /** Reference: two bundled FLACs; hypothesis: the same audio plus noise as WAV, 160 samples longer. */
    private List<AudioBuffer[]> makeDirs(Path ref, Path hyp, double noise) throws Exception {
        Path corpus = ReferenceData.bundledCorpus().resolve("audio");
        Random r = new Random(5);
        List<AudioBuffer[]> pairs = new ArrayList<>();
        for (String n : NAMES) {
            Path src = corpus.resolve(n + ".flac");
            Files.createDirectories(ref.resolve(n).getParent());
            Files.copy(src, ref.resolve(n + ".flac"));
            AudioBuffer a = AudioReader.read(src);
            float[] x = a.toArray();
            float[] y = new float[x.length + 160];
            for (int i = 0; i < y.length; i++) {
                y[i] = (i < x.length ? x[i] : 0) + (float) (noise * r.nextGaussian());
            }
            Files.createDirectories(hyp.resolve(n).getParent());
            WavWriter.write(hyp.resolve(n + ".wav"), AudioBuffer.ofMono(y, 16000));
            pairs.add(new AudioBuffer[] {a, AudioReader.read(hyp.resolve(n + ".wav")).slice(0, x.length)});
        }
        return pairs;
    }

    @Test
    void evaluatesPairsAndWritesReports() throws Exception {
        Path ref = dir.resolve("ref");
        Path hyp = dir.resolve("hyp");
        List<AudioBuffer[]> pairs = makeDirs(ref, hyp, 0.01);
        List<long[]> progress = new ArrayList<>();
        EvaluationReport rep = ResynthesisEvaluator.standard(Optional.empty(), Optional.empty())
                .evaluate(ref, hyp, (d, t) -> progress.add(new long[] {d, t}));
        assertEquals(2, rep.files().size());
        assertEquals(NAMES[1], rep.files().get(0).name());
        assertEquals(2, progress.size());
        assertEquals(2, progress.get(1)[0]);
        // Summary SI-SDR is the mean of the per-pair values computed directly.
        double expected = 0;
        for (AudioBuffer[] p : pairs) {
            expected += new SiSdr().compute(p[0], p[1]).value() / pairs.size();
        }
        Metric si = rep.summary().stream().filter(m -> m.name().equals("si_sdr")).findFirst().orElseThrow();
        assertEquals(expected, si.value(), 1e-6);
        assertEquals(ResynthesisEvaluator.defaultMetrics().size(), rep.summary().size());
        assertTrue(rep.summary().stream().anyMatch(m -> m.name().equals("band_level_db_500_1000hz")));

        Path json = dir.resolve("out/report.json");
        Path md = dir.resolve("out/report.md");
        rep.write(json, md);
        JsonNode j = new ObjectMapper().readTree(json.toFile());
        assertEquals(2, j.get("files").size());
        assertEquals(si.value(), j.get("summary").get(0).get("value").asDouble(), 1e-12);
        assertTrue(Files.readString(md).contains("| si_sdr |"));
        try (var s = Files.list(dir.resolve("out"))) {
            assertEquals(2, s.count(), "no temporary files left behind");
        }
    }

    @Test
    void missingHypothesisAndLengthMismatchAreErrors() throws Exception {
        Path ref = dir.resolve("ref");
        Path hyp = dir.resolve("hyp");
        makeDirs(ref, hyp, 0.01);
        Files.delete(hyp.resolve(NAMES[0] + ".wav"));
        VoxtokException e = assertThrows(VoxtokException.class,
                () -> ResynthesisEvaluator.standard(Optional.empty(), Optional.empty()).evaluate(ref, hyp, (d, t) -> { }));
        assertTrue(e.getMessage().contains(NAMES[0]), e.getMessage());

        WavWriter.write(hyp.resolve(NAMES[0] + ".wav"), AudioBuffer.ofMono(new float[4000], 16000));
        e = assertThrows(VoxtokException.class,
                () -> ResynthesisEvaluator.standard(Optional.empty(), Optional.empty()).evaluate(ref, hyp, (d, t) -> { }));
        assertTrue(e.getMessage().contains("apart"), e.getMessage());
    }
}
