package io.voxtok.spark.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.voxtok.api.VoxtokException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Layout detection and listing: ids, order, duplicates. Listing never reads audio, so empty files do. */
class CorpusListingTest {
    @TempDir
    Path dir;

    private Path touch(String rel) throws IOException {
        Path p = dir.resolve(rel);
        Files.createDirectories(p.getParent());
        return Files.writeString(p, "");
    }

    @Test
    void folderIdsAreRelativePathsWithoutExtensionSortedById() throws IOException {
        touch("b/x.wav");
        touch("a/z.FLAC");
        touch("a/y.wav");
        touch("a/notes.txt");
        List<CorpusItem> items = CorpusListing.list(dir, null);
        assertEquals(List.of("a/y", "a/z", "b/x"), items.stream().map(CorpusItem::id).toList());
        assertEquals(dir.resolve("a/y.wav").toString(), items.get(0).path());
        assertEquals(CorpusLayout.DIR, CorpusLayout.detect(dir));
    }

    @Test
    void twoFilesWithOneIdAreRefusedNamingBoth() throws IOException {
        touch("a/u.wav");
        touch("a/u.flac");
        VoxtokException e = assertThrows(VoxtokException.class, () -> CorpusListing.list(dir, CorpusLayout.DIR));
        assertTrue(e.getMessage().contains("a/u.wav") && e.getMessage().contains("a/u.flac"), e.getMessage());
    }

    @Test
    void anEmptyCorpusIsAnError() {
        VoxtokException e = assertThrows(VoxtokException.class, () -> CorpusListing.list(dir, null));
        assertTrue(e.getMessage().contains("no utterances"), e.getMessage());
    }

    @Test
    void theBundledManifestIsDetectedAndListsItsIds() {
        Path manifest = Path.of(System.getProperty("voxtok.root"), "corpus", "bundled", "manifest.jsonl");
        assertEquals(CorpusLayout.MANIFEST, CorpusLayout.detect(manifest));
        List<CorpusItem> items = CorpusListing.list(manifest, null);
        assertEquals(220, items.size());
        CorpusItem first = items.get(0);
        assertEquals("awb_v0_train_00001", first.id());
        assertTrue(first.path().endsWith("corpus/bundled/audio/awb_v0/awb_v0_train_00001.flac"), first.path());
    }

    @Test
    void libriSpeechLayoutIsDetectedAndReadFromItsTranscripts() throws IOException {
        Path chapter = dir.resolve("dev-clean/84/121123");
        Files.createDirectories(chapter);
        Files.writeString(chapter.resolve("84-121123.trans.txt"), "84-121123-0001 GO DO YOU HEAR\n84-121123-0000 HELLO\n");
        touch("dev-clean/84/121123/84-121123-0000.flac");
        touch("dev-clean/84/121123/84-121123-0001.flac");
        assertEquals(CorpusLayout.LIBRISPEECH, CorpusLayout.detect(dir));
        List<CorpusItem> items = CorpusListing.list(dir, null);
        assertEquals(List.of("84-121123-0000", "84-121123-0001"), items.stream().map(CorpusItem::id).toList());
    }

    @Test
    void vctkAndLibriTtsLayoutsAreDetected() throws IOException {
        Path vctk = dir.resolve("vctk");
        Files.createDirectories(vctk.resolve("txt/p225"));
        Files.createDirectories(vctk.resolve("wav48_silence_trimmed/p225"));
        assertEquals(CorpusLayout.VCTK, CorpusLayout.detect(vctk));
        Path tts = dir.resolve("libritts");
        Path chapter = tts.resolve("dev-clean/84/121123");
        Files.createDirectories(chapter);
        Files.writeString(chapter.resolve("84_121123_000008_000000.normalized.txt"), "Hello.");
        assertEquals(CorpusLayout.LIBRITTS, CorpusLayout.detect(tts));
    }

    @Test
    void layoutNamesParse() {
        assertEquals(null, CorpusLayout.parse("auto"));
        assertEquals(CorpusLayout.LIBRITTS, CorpusLayout.parse("LibriTTS"));
        assertThrows(IllegalArgumentException.class, () -> CorpusLayout.parse("kaldi"));
    }
}
