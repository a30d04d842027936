package io.voxtok.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.voxtok.data.Split;
import io.voxtok.data.lm.LmTokenCorpus;
import io.voxtok.data.lm.LmTokenEntry;
import io.voxtok.data.synth.ExternalTool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code voxtok lm prepare} on five utterances of the bundled corpus with the shipped speechtokenizer-small, an
 * interrupted run completed by a rerun, and the result read back.
 */
class LmPrepareCliTest {
    @TempDir
    Path dir;

    private static boolean espeakInstalled() {
        try {
            new ExternalTool("espeak-ng", "espeak-ng").require();
            return true;
        } catch (io.voxtok.api.VoxtokException e) {
            System.err.println("LmPrepareCliTest skipped: " + e.getMessage());
            return false;
        }
    }

    /** The first train utterances and the first test utterance of corpus/bundled, audio paths made absolute. */
    private Path smallCorpus() throws Exception {
        Path bundled = Cli.root().resolve("corpus/bundled");
        List<String> keep = new ArrayList<>();
        boolean test = false;
        for (String line : Files.readAllLines(bundled.resolve("manifest.jsonl"))) {
            boolean isTest = line.contains("\"split\":\"test\"");
            if ((isTest && !test) || (!isTest && line.contains("\"split\":\"train\"") && keep.size() < 4)) {
                keep.add(line.replace("\"path\":\"audio/", "\"path\":\"" + bundled.resolve("audio") + "/"));
                test |= isTest;
            }
        }
        Path m = dir.resolve("corpus/manifest.jsonl");
        Files.createDirectories(m.getParent());
        Files.write(m, keep);
        return m.getParent();
    }

    @Test
    void preparesResumesAndReadsBack() throws Exception {
        assumeTrue(espeakInstalled(), "espeak-ng is not installed (apt-get install espeak-ng)");
        Path corpus = smallCorpus();
        Path out = dir.resolve("tokens");
        String[] args = {"lm", "prepare", "--corpus", corpus.toString(), "-t", "speechtokenizer", "-m",
            "speechtokenizer-small", "-o", out.toString(), "--threads", "1"};
        Cli r = Cli.run(args);
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("speechtokenizer:default, 8 layers") && r.out().contains("train 4 utterances"),
                r.out());

        LmTokenCorpus c = LmTokenCorpus.open(out);
        assertEquals(5, c.size());
        assertEquals(50.0, c.manifest().frameRate());
        assertEquals(8, c.manifest().layers());
        assertTrue(c.manifest().model().endsWith("speechtokenizer-small"), c.manifest().model());
        for (Split s : List.of(Split.TRAIN, Split.TEST)) {
            for (LmTokenEntry e : c.entries(s)) {
                assertEquals(Math.ceil(e.duration() * 50), e.frames(), 1.0, e.id());
                assertEquals(e.frames() * 8, c.codes(e).length);
                assertEquals(e.phonemes().size() + 2, e.textIds().length);
                assertTrue(e.phonemes().contains("_"), e.phonemes().toString());
            }
        }
        String trainIndex = Files.readString(out.resolve("train.jsonl"));

        // an interrupted run: no manifest yet, one utterance not encoded
        LmTokenEntry lost = c.entries(Split.TRAIN).get(2);
        LmTokenEntry kept = c.entries(Split.TRAIN).get(0);
        byte[] lostBytes = Files.readAllBytes(lost.codesFile());
        FileTime old = FileTime.fromMillis(1_000_000_000_000L);
        Files.setLastModifiedTime(kept.codesFile(), old);
        Files.delete(out.resolve("manifest.json"));
        Files.delete(lost.codesFile());
        Cli unfinished = Cli.run("lm", "prepare", "--corpus", corpus.toString(), "-t", "speechtokenizer", "-o",
                out.toString());
        // another tokenizer (the default weights) may not continue it
        assertNotEquals(0, unfinished.code());
        assertTrue(unfinished.err().contains("prepare.json") || unfinished.err().contains("model"), unfinished.err());
        r = Cli.run(args);
        assertEquals(0, r.code(), r.err());
        assertEquals(old, Files.getLastModifiedTime(kept.codesFile()));
        assertArrayEquals(lostBytes, Files.readAllBytes(lost.codesFile()));
        assertEquals(trainIndex, Files.readString(out.resolve("train.jsonl")));
        assertEquals(c.manifest(), LmTokenCorpus.open(out).manifest());

        Cli missing = Cli.run("lm", "prepare", "--corpus", dir.resolve("nowhere").toString(), "-t", "speechtokenizer",
                "-o", dir.resolve("x").toString());
        assertNotEquals(0, missing.code());
        assertTrue(missing.err().contains("nowhere"), missing.err());
    }
}
