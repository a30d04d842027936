package io.voxtok.metrics.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.voxtok.api.VoxtokException;
import io.voxtok.modelio.NpyFile;
import io.voxtok.modelio.Tensor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A synthetic tokenizer that behaves as the SpeechTokenizer paper claims: RVQ-1 codes are the phone's index,
 * RVQ-2 codes depend only on the speaker.
 */
class TokenContentReportTest {
    private static final String[] PHONES = {"pau", "a", "b", "c"};
    private static final int FRAMES = 40; // 0.8 s at 50 frames/s; every phone lasts 0.1 s = 5 frames

    @TempDir
    Path dir;

    /** Writes 3 speakers x 6 utterances; {@code badId} gets {@code extraFrames} more frames than its duration says. */
    private Path corpus(String badId, int extraFrames) throws Exception {
        Path tokens = Files.createDirectories(dir.resolve("tok"));
        Random r = new Random(3);
        List<String> lines = new ArrayList<>();
        for (int s = 0; s < 3; s++) {
            for (int u = 0; u < 6; u++) {
                String id = "spk" + s + "_" + u;
                int[] phoneOf = new int[8];
                StringBuilder align = new StringBuilder();
                for (int k = 0; k < 8; k++) {
                    phoneOf[k] = r.nextInt(PHONES.length);
                    align.append(k == 0 ? "" : ",").append(String.format("[\"%s\",%.1f,%.1f]", PHONES[phoneOf[k]],
                            k * 0.1, (k + 1) * 0.1));
                }
                lines.add(String.format("{\"id\":\"%s\",\"path\":\"audio/%s.flac\",\"text\":\"x\",\"speaker\":\"spk%d\","
                        + "\"alignment\":[%s],\"duration\":0.8,\"split\":\"%s\"}", id, id, s, align, u < 4 ? "train" : "test"));
                int frames = FRAMES + (id.equals(badId) ? extraFrames : 0);
                long[] codes = new long[2 * frames];
                for (int t = 0; t < frames; t++) {
                    codes[t] = phoneOf[Math.min(t / 5, 7)];
                    codes[frames + t] = 10 * s + r.nextInt(3);
                }
                NpyFile.write(tokens.resolve(id + ".npy"), Tensor.ofLongs(codes, 2, 1, frames));
            }
        }
        Path manifest = dir.resolve("manifest.jsonl");
        Files.write(manifest, lines);
        return manifest;
    }

    @Test
    @SuppressWarnings("unchecked")
    void layerOneCarriesPhonesLayerTwoCarriesSpeakers() throws Exception {
        Path manifest = corpus("", 0);
        TokenContentOptions o = new TokenContentOptions(50, 320, 64, List.of(), List.of(), "all", 2);
        ProbeReport report = TokenContentReport.compute(dir.resolve("tok"), manifest, o);
        List<Map<String, Object>> layers = (List<Map<String, Object>>) report.json().get("layers");
        assertEquals(1.0, (double) layers.get(0).get("phone_purity"), 1e-12);
        assertEquals(1.0, (double) layers.get(0).get("code_purity"), 1e-12);
        assertEquals(1.0, (double) layers.get(0).get("pnmi"), 1e-9);
        assertTrue((double) layers.get(1).get("pnmi") < 0.3);
        List<Map<String, Object>> probes = (List<Map<String, Object>>) report.json().get("speaker_probe");
        assertEquals("RVQ-1", probes.get(0).get("group"));
        assertEquals("RVQ-2", probes.get(1).get("group"));
        assertEquals(1.0, (double) probes.get(1).get("accuracy"), 1e-12);
        assertEquals(3, probes.get(1).get("speakers"));
        report.write(dir.resolve("rep"));
        assertTrue(Files.readString(dir.resolve("rep/report.md")).contains("| RVQ-1 | "));
        assertTrue(Files.readString(dir.resolve("rep/report.json")).contains("\"phone_purity\""));
    }

    @Test
    void splitSelectsItemsAndSkipsSmallSpeakers() throws Exception {
        Path manifest = corpus("", 0);
        TokenContentOptions o = new TokenContentOptions(50, 320, 64, List.of(1), List.of(LayerGroup.parse("1:2")), "test", 2);
        Map<String, Object> json = TokenContentReport.compute(dir.resolve("tok"), manifest, o).json();
        assertEquals(6, ((Map<?, ?>) json.get("counts")).get("utterances"));
        Map<?, ?> probe = (Map<?, ?>) ((List<?>) json.get("speaker_probe")).get(0);
        assertEquals(List.of("spk0", "spk1", "spk2"), probe.get("skipped_speakers"));
    }

    @Test
    void lengthMismatchNamesTheFile() throws Exception {
        Path manifest = corpus("spk1_2", 3);
        VoxtokException e = assertThrows(VoxtokException.class, () -> TokenContentReport.compute(dir.resolve("tok"),
                manifest, TokenContentOptions.defaults()));
        assertTrue(e.getMessage().contains("spk1_2.npy") && e.getMessage().contains("43 token frames"), e.getMessage());
    }

    @Test
    void twoFramesOfSlackAreAccepted() throws Exception {
        Path manifest = corpus("spk1_2", 2);
        TokenContentReport.compute(dir.resolve("tok"), manifest, TokenContentOptions.defaults());
    }

    @Test
    void badShapeNamesTheFile() throws Exception {
        Path manifest = corpus("", 0);
        Path bad = dir.resolve("tok/spk0_0.npy");
        NpyFile.write(bad, Tensor.ofFloats(new float[4], 2, 2));
        VoxtokException e = assertThrows(VoxtokException.class, () -> TokenContentReport.compute(dir.resolve("tok"),
                manifest, TokenContentOptions.defaults()));
        assertTrue(e.getMessage().contains("spk0_0.npy") && e.getMessage().contains("integers"), e.getMessage());
    }
}
