package io.voxtok.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.voxtok.audio.AudioReader;
import io.voxtok.modelio.NpyFile;
import io.voxtok.modelio.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** features, units fit and units on bundled corpus audio, through the packaged HuBERT plugin. */
class HubertCliTest {
    @TempDir
    Path dir;

    private static Path hubert() {
        return Path.of(System.getProperty("voxtok.shared"), "fixtures", "parity", "hubert");
    }

    private static List<Path> bundledTestAudio(int n) throws IOException {
        try (Stream<Path> s = Files.walk(Cli.root().resolve("corpus/bundled/audio"))) {
            return s.filter(p -> p.getFileName().toString().contains("_test_")).sorted().limit(n).toList();
        }
    }

    @Test
    void unitsEndToEndOnBundledAudio() throws IOException {
        List<Path> audio = bundledTestAudio(4);
        assertEquals(4, audio.size());
        List<String> args = new ArrayList<>(List.of("features", "-m", hubert().toString(), "--layer", "3", "-o",
                dir.resolve("feat").toString()));
        audio.forEach(p -> args.add(p.toString()));
        Cli f = Cli.run(args.toArray(String[]::new));
        assertEquals(0, f.code(), f.err());
        String stem = audio.get(0).getFileName().toString().replace(".flac", "");
        Tensor feat = NpyFile.read(dir.resolve("feat").resolve(stem + ".npy"));
        int samples = AudioReader.read(audio.get(0)).frames();
        assertEquals((samples - 400) / 320 + 1, feat.shape()[0], "HuBERT frames = floor((L - 400) / 320) + 1");
        assertEquals(64, feat.shape()[1]);

        List<String> fit = new ArrayList<>(List.of("units", "fit", "-m", hubert().toString(), "--layer", "3", "-k", "10",
                "-o", dir.resolve("c.npy").toString()));
        audio.forEach(p -> fit.add(p.toString()));
        Cli r = Cli.run(fit.toArray(String[]::new));
        assertEquals(0, r.code(), r.err());
        assertEquals(10, NpyFile.read(dir.resolve("c.npy")).shape()[0]);

        List<String> units = new ArrayList<>(List.of("units", "-m", hubert().toString(), "--layer", "3", "--centroids",
                dir.resolve("c.npy").toString(), "-o", dir.resolve("u.jsonl").toString()));
        audio.forEach(p -> units.add(p.toString()));
        Cli u = Cli.run(units.toArray(String[]::new));
        assertEquals(0, u.code(), u.err());
        List<String> lines = Files.readAllLines(dir.resolve("u.jsonl"));
        assertEquals(4, lines.size());
        JsonNode first = new ObjectMapper().readTree(lines.get(0));
        assertEquals(stem, first.get("id").asText());
        assertEquals(feat.shape()[0], first.get("units").size());
        for (JsonNode v : first.get("units")) {
            assertTrue(v.asInt() >= 0 && v.asInt() < 10);
        }
    }
}
