package io.voxtok.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.voxtok.api.VoxtokException;
import io.voxtok.audio.AudioReader;
import io.voxtok.data.synth.ExternalTool;
import io.voxtok.data.text.EspeakPhonemizer;
import io.voxtok.data.text.TextVocabulary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code voxtok lm eval-tts} on two test utterances of the bundled corpus with a tiny random 8 x 256 USLM and the
 * shipped speechtokenizer-small, the Vosk recogniser and the model-free logmel-stats speaker encoder: the report,
 * per-item resume, and refusal of a directory evaluated with other settings.
 */
class LmEvalTtsCliTest {
    @TempDir
    Path dir;

    private static boolean espeakInstalled() {
        try {
            new ExternalTool("espeak-ng", "espeak-ng").require();
            return true;
        } catch (VoxtokException e) {
            System.err.println("LmEvalTtsCliTest skipped: " + e.getMessage());
            return false;
        }
    }

    /** A vocabulary of the phonemes of every test-split text of the bundled corpus. */
    private Path vocabulary(Path corpus) throws Exception {
        TreeSet<String> symbols = new TreeSet<>();
        EspeakPhonemizer p = EspeakPhonemizer.official();
        ObjectMapper json = new ObjectMapper();
        for (String line : Files.readAllLines(corpus.resolve("manifest.jsonl"))) {
            JsonNode n = json.readTree(line);
            if (n.get("split").asText().equals("test")) {
                symbols.addAll(p.phonemize(n.get("text").asText()));
            }
        }
        Path v = dir.resolve("vocab.k2symbols");
        TextVocabulary.fromSymbols(symbols).write(v);
        return v;
    }

    private static String[] args(Path corpus, Path vocab, Path out, String maxFrames) {
        List<String> a = new ArrayList<>(List.of("lm", "eval-tts", "--threads", "1", "--lm-option", "random-init=true",
                "--lm-option", "config=" + Cli.root().resolve("configs/uslm/tiny-st256.json"), "--lm-option", "seed=3",
                "--vocab", vocab.toString(), "-t", "speechtokenizer", "-m", "speechtokenizer-small",
                "--corpus", corpus.toString(), "--split", "test", "--n", "2", "--max-frames", maxFrames,
                "--speaker-encoder", "logmel-stats", "-o", out.toString()));
        return a.toArray(String[]::new);
    }

    @Test
    void evaluatesResumesAndRefusesOtherSettings() throws Exception {
        assumeTrue(espeakInstalled(), "espeak-ng is not installed (apt-get install espeak-ng)");
        Path corpus = Cli.root().resolve("corpus/bundled");
        Path vocab = vocabulary(corpus);
        Path out = dir.resolve("eval");
        Cli r = Cli.run(args(corpus, vocab, out, "60"));
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("[2/2]") && r.err().contains("ETA"), r.err());
        JsonNode report = new ObjectMapper().readTree(out.resolve("report.json").toFile());
        JsonNode items = report.get("items");
        assertEquals(2, items.size());
        assertNotEquals(items.get(0).get("speaker").asText(), items.get(1).get("speaker").asText(),
                "round-robin over the test speakers");
        for (JsonNode it : items) {
            assertTrue(it.get("error").isNull(), it.toString());
            assertEquals(it.get("speaker").asText(), it.get("promptId").asText().substring(0, 6), "prompt of the same speaker");
            assertNotEquals(it.get("id").asText(), it.get("promptId").asText());
            assertTrue(it.get("promptSeconds").asDouble() <= 3.0 + 1e-9);
            Path wav = out.resolve(it.get("audio").asText());
            assertEquals(16000, AudioReader.read(wav).sampleRate());
            assertTrue(it.get("frames").asInt() >= 1 && it.get("frames").asInt() <= 60);
            assertTrue(it.get("originalHypothesis").isTextual() && it.get("hypothesis").isTextual());
            double sim = it.get("similarity").asDouble();
            assertTrue(sim >= -1 && sim <= 1);
        }
        JsonNode s = report.get("summary");
        // the recogniser understands the original recordings far better than random-weight speech
        assertTrue(s.get("wer_original").asDouble() < s.get("wer").asDouble(), s.toString());
        assertTrue(s.get("speaker_similarity_original").asDouble() > s.get("speaker_similarity").asDouble(), s.toString());
        String md = Files.readString(out.resolve("report.md"));
        assertTrue(md.contains("| items | failed | WER |") && md.contains(items.get(0).get("id").asText()), md);

        // resume: a finished item is kept as it is, a missing one is recomputed identically
        Path first = out.resolve("items").resolve(items.get(0).get("id").asText() + ".json");
        Path second = out.resolve("items").resolve(items.get(1).get("id").asText() + ".json");
        FileTime kept = FileTime.fromMillis(1_000_000L);
        Files.setLastModifiedTime(first, kept);
        String secondBefore = new ObjectMapper().readTree(second.toFile()).get("hypothesis").asText();
        Files.delete(second);
        Cli again = Cli.run(args(corpus, vocab, out, "60"));
        assertEquals(0, again.code(), again.err());
        assertEquals(kept, Files.getLastModifiedTime(first));
        assertEquals(secondBefore, new ObjectMapper().readTree(second.toFile()).get("hypothesis").asText());

        Cli other = Cli.run(args(corpus, vocab, out, "50"));
        assertEquals(1, other.code());
        assertTrue(other.err().contains("other settings") && other.err().contains("max frames 60"), other.err());
    }

    @Test
    void answersHelp() {
        Cli r = Cli.run("lm", "eval-tts", "--help");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("--speaker-encoder") && r.out().contains("--corpus"), r.out());
    }
}
