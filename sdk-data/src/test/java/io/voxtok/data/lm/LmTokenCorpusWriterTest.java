package io.voxtok.data.lm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.voxtok.api.VoxtokException;
import io.voxtok.data.Split;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A corpus written from given phonemes and codes reads back with {@link LmTokenCorpus}; bad codes are refused. */
class LmTokenCorpusWriterTest {
    @TempDir
    Path dir;

    @Test
    void writtenCorpusReadsBack() {
        int[][] codes = {{1, 2, 3}, {4, 5, 6}};
        LmTokenCorpusWriter.Source src = new LmTokenCorpusWriter.Source("toy", "none", 50.0, 2, 8);
        LmTokenCorpusWriter.write(dir, src, Map.of(Split.TRAIN, List.of(
                new LmTokenCorpusWriter.Utterance("a", "s", "ab", List.of("a", "_", "b"), codes)),
                Split.DEV, List.of(new LmTokenCorpusWriter.Utterance("d", "t", "b", List.of("b"), new int[][] {{7}, {0}}))));
        LmTokenCorpus c = LmTokenCorpus.open(dir);
        assertEquals(2, c.size());
        LmTokenEntry e = c.entries(Split.TRAIN).get(0);
        assertEquals(3, e.frames());
        assertEquals(0.06, e.duration(), 1e-9);
        assertArrayEquals(new int[] {1, 4, 2, 5, 3, 6}, c.codes(e), "frame-major");
        assertEquals(c.vocabulary().encode(List.of("a", "_", "b")).length, e.textIds().length);
        assertEquals("toy", c.manifest().tokenizer());
        assertEquals(8, c.manifest().codebookSize());
        assertTrue(Files.isRegularFile(dir.resolve("dev.jsonl")));
    }

    @Test
    void codesOutsideTheCodebookAreRefusedNamingTheUtterance() {
        LmTokenCorpusWriter.Source src = new LmTokenCorpusWriter.Source("toy", "none", 50.0, 1, 8);
        VoxtokException e = assertThrows(VoxtokException.class, () -> LmTokenCorpusWriter.write(dir, src,
                Map.of(Split.TRAIN, List.of(new LmTokenCorpusWriter.Utterance("bad-one", "s", "a", List.of("a"),
                        new int[][] {{8}})))));
        assertTrue(e.getMessage().contains("bad-one"), e.getMessage());
        assertTrue(!Files.exists(dir.resolve(LmCorpusManifest.FILE)), "no manifest: the corpus is not finished");
    }
}
