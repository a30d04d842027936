package io.voxtok.spark.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code voxtok spark units} and {@code voxtok spark features} with the shipped phone teacher: units equal those of
 * {@code voxtok units} on the same files and centroids, features equal {@code voxtok features}' {@code .npy} files,
 * and a file that is not audio is a failures-table row.
 */
class SparkTeacherEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    Path dir;

    private Path corpus;
    private final List<String> files = new ArrayList<>();

    private void corpus() throws IOException {
        Cli.requirePackagedSpeechTokenizer();
        corpus = dir.resolve("corpus");
        Files.createDirectories(corpus);
        try (Stream<Path> s = Files.list(Cli.root().resolve("corpus/bundled/audio/ked_v0"))) {
            for (Path f : s.sorted().limit(4).toList()) {
                files.add(Files.copy(f, corpus.resolve(f.getFileName())).toString());
            }
        }
        Files.writeString(corpus.resolve("broken.flac"), "fLaC but nothing else");
    }

    private static SparkSession reader() {
        return SparkSession.builder().master("local[1]").appName("voxtok-test-read")
                .config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1").getOrCreate();
    }

    @Test
    void featuresEqualVoxtokFeatures() throws IOException {
        corpus();
        Path npy = dir.resolve("feats");
        List<String> feats = new ArrayList<>(List.of("features", "--teacher", "phone-teacher", "-m", "phone-teacher",
                "--layer", "2"));
        feats.addAll(files);
        feats.addAll(List.of("-o", npy.toString()));
        Cli f = Cli.run(feats.toArray(String[]::new));
        assertEquals(0, f.code(), f.err());
        Path out = dir.resolve("out-features");
        Cli r = Cli.run("spark", "features", "--teacher", "phone-teacher", "-m", "phone-teacher", "--layer", "2",
                "--input", corpus.toString(), "-o", out.toString(), "--master", "local[2]", "--shard-size", "3");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("4 utterances") && r.out().contains("1 failed"), r.out());
        SparkSession s = reader();
        try {
            var df = s.read().parquet(out.resolve("features").toString());
            assertEquals("array<array<float>>", df.schema().apply("features").dataType().simpleString());
            List<Row> rows = df.collectAsList();
            assertEquals(4, rows.size());
            for (Row row : rows) {
                String id = row.getAs("id");
                var want = io.voxtok.modelio.NpyFile.read(npy.resolve(id + ".npy"));
                int frames = row.<Integer>getAs("frames");
                int dim = row.<Integer>getAs("dim");
                assertEquals(want.shape()[0], frames, id);
                assertEquals(want.shape()[1], dim, id);
                List<Object> got = row.getList(row.fieldIndex("features"));
                float[] flat = new float[frames * dim];
                for (int t = 0; t < frames; t++) {
                    @SuppressWarnings("unchecked")
                    scala.collection.Seq<Float> v = (scala.collection.Seq<Float>) got.get(t);
                    for (int d = 0; d < dim; d++) {
                        flat[t * dim + d] = v.apply(d);
                    }
                }
                assertArrayEquals(want.toFloatArray(), flat, id);
            }
        } finally {
            s.stop();
        }
        assertEquals("features", JSON.readTree(out.resolve("manifest.json").toFile()).get("kind").asText());
    }

    @Test
    void unitsEqualVoxtokUnits() throws IOException {
        corpus();
        Path centroids = dir.resolve("km.npy");
        List<String> fit = new ArrayList<>(List.of("units", "fit", "--teacher", "phone-teacher", "-m", "phone-teacher",
                "--layer", "2", "-k", "8"));
        fit.addAll(files);
        fit.addAll(List.of("-o", centroids.toString()));
        Cli f = Cli.run(fit.toArray(String[]::new));
        assertEquals(0, f.code(), f.err());
        Path jsonl = dir.resolve("units.jsonl");
        List<String> units = new ArrayList<>(List.of("units", "--teacher", "phone-teacher", "-m", "phone-teacher",
                "--layer", "2", "--centroids", centroids.toString(), "--dedup"));
        units.addAll(files);
        units.addAll(List.of("-o", jsonl.toString()));
        Cli u = Cli.run(units.toArray(String[]::new));
        assertEquals(0, u.code(), u.err());

        Path out = dir.resolve("out");
        Cli r = Cli.run("spark", "units", "--teacher", "phone-teacher", "-m", "phone-teacher", "--layer", "2",
                "--centroids", centroids.toString(), "--dedup", "--input", corpus.toString(), "-o", out.toString(),
                "--master", "local[2]", "--shard-size", "2");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("4 utterances") && r.out().contains("1 failed"), r.out());

        Map<String, int[]> want = new HashMap<>();
        for (String line : Files.readAllLines(jsonl)) {
            JsonNode n = JSON.readTree(line);
            int[] v = new int[n.get("units").size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = n.get("units").get(i).asInt();
            }
            want.put(n.get("id").asText(), v);
        }
        assertEquals(4, want.size());
        SparkSession s = reader();
        try {
            var df = s.read().parquet(out.resolve("units").toString());
            assertEquals("array<int>", df.schema().apply("units").dataType().simpleString());
            List<Row> rows = df.collectAsList();
            assertEquals(4, rows.size());
            for (Row row : rows) {
                String id = row.getAs("id");
                int[] got = row.<Integer>getList(row.fieldIndex("units")).stream().mapToInt(Integer::intValue).toArray();
                assertNotNull(want.get(id), id);
                assertArrayEquals(want.get(id), got, id);
                assertEquals(8, row.<Integer>getAs("k"));
                assertTrue(row.<Integer>getAs("frames") >= got.length, "frames counts teacher frames before the collapse");
            }
            List<Row> failures = s.read().parquet(out.resolve("failures").toString()).collectAsList();
            assertEquals(1, failures.size());
            assertEquals("broken", failures.get(0).getAs("id"));
        } finally {
            s.stop();
        }
        JsonNode m = JSON.readTree(out.resolve("manifest.json").toFile());
        assertEquals("units", m.get("kind").asText());
        assertEquals("phone-teacher", m.get("teacher").asText());
        assertEquals(4, m.get("utterances").asInt());
        assertTrue(m.get("complete").asBoolean());
    }
}
