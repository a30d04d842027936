package io.voxtok.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.voxtok.api.VoxtokException;
import io.voxtok.api.audio.AudioBuffer;
import io.voxtok.audio.WavWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** LibriSpeech, LibriTTS and VCTK readers on tiny generated folder trees. */
class CorpusLayoutsTest {
    @TempDir
    Path dir;

    private static void wav(Path p, int rate) throws Exception {
        Files.createDirectories(p.getParent());
        float[] x = new float[rate / 10];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (0.1 * Math.sin(i * 0.05));
        }
        WavWriter.write(p, AudioBuffer.ofMono(x, rate));
    }

    private static List<CorpusEntry> all(SpeechDataset d) {
        try (Stream<CorpusEntry> s = d.entries()) {
            return s.toList();
        }
    }

    @Test
    void libriSpeechReadsTranscriptsAndSplitsBySubset() throws Exception {
        Path root = dir.resolve("LibriSpeech");
        for (String subset : List.of("dev-clean", "train-clean-100")) {
            Path ch = root.resolve(subset).resolve("84").resolve("121123");
            Files.createDirectories(ch);
            Files.writeString(ch.resolve("84-121123.trans.txt"), "84-121123-0000 GO DO YOU HEAR\n84-121123-0001 BUT IN LESS\n");
            wav(ch.resolve("84-121123-0000.wav"), 16000);
        }
        List<CorpusEntry> es = all(new LibriSpeechDataset(root));
        assertEquals(4, es.size());
        assertEquals(Split.DEV, es.get(0).split());
        assertEquals(Split.TRAIN, es.get(3).split());
        assertEquals("GO DO YOU HEAR", es.get(0).text());
        assertEquals("84", es.get(0).speaker());
        // One subset folder directly.
        assertEquals(2, all(new LibriSpeechDataset(root.resolve("dev-clean"))).size());
        // The second utterance has no audio: the loader reports it by name and goes on.
        List<BadFile> bad = new ArrayList<>();
        try (Stream<CorpusEntry> s = new LibriSpeechDataset(root.resolve("dev-clean")).entries()) {
            assertEquals(1, UtteranceLoader.skipping(16000, 1, bad::add).load(s).count());
        }
        assertEquals(1, bad.size());
        assertEquals("84-121123-0001", bad.get(0).entryId());
        VoxtokException e = assertThrows(VoxtokException.class, () -> {
            try (Stream<CorpusEntry> s = new LibriSpeechDataset(root.resolve("dev-clean")).entries()) {
                UtteranceLoader.failing(16000, 1).load(s).toList();
            }
        });
        assertTrue(e.getMessage().contains("84-121123-0001.flac"), e.getMessage());
    }

    @Test
    void libriSpeechMalformedTranscriptNamesTheFile() throws Exception {
        Path ch = dir.resolve("test-other/1/2");
        Files.createDirectories(ch);
        Files.writeString(ch.resolve("1-2.trans.txt"), "1-2-0000\n");
        VoxtokException e = assertThrows(VoxtokException.class, () -> all(new LibriSpeechDataset(dir.resolve("test-other"))));
        assertTrue(e.getMessage().contains("1-2.trans.txt:1"), e.getMessage());
    }

    @Test
    void libriTtsUsesNormalizedText() throws Exception {
        Path ch = dir.resolve("LibriTTS/test-clean/121/127105");
        wav(ch.resolve("121_127105_000001_000000.wav"), 24000);
        Files.writeString(ch.resolve("121_127105_000001_000000.normalized.txt"), "It was the first time.");
        Files.writeString(ch.resolve("121_127105_000001_000000.original.txt"), "It was the 1st time.");
        List<CorpusEntry> es = all(new LibriTtsDataset(dir.resolve("LibriTTS")));
        assertEquals(1, es.size());
        assertEquals("It was the first time.", es.get(0).text());
        assertEquals(Split.TEST, es.get(0).split());
        assertEquals("121", es.get(0).speaker());
        LoadedEntry l = UtteranceLoader.failing(16000, 1).loadOne(es.get(0));
        assertEquals(16000, l.audio().sampleRate());
        assertEquals(1600, l.audio().frames());
        wav(ch.resolve("121_127105_000002_000000.wav"), 24000);
        assertThrows(VoxtokException.class, () -> all(new LibriTtsDataset(dir.resolve("LibriTTS"))));
    }

    @Test
    void vctkFindsEitherAudioLayout() throws Exception {
        Path root = dir.resolve("VCTK");
        Files.createDirectories(root.resolve("txt/p225"));
        Files.writeString(root.resolve("txt/p225/p225_001.txt"), "Please call Stella.\n");
        Files.writeString(root.resolve("txt/p225/p225_002.txt"), "Ask her to bring these things.\n");
        wav(root.resolve("wav48/p225/p225_001.wav"), 48000);
        List<CorpusEntry> es = all(new VctkDataset(root));
        assertEquals(2, es.size());
        assertEquals(root.resolve("wav48/p225/p225_001.wav"), es.get(0).audioPath());
        assertEquals(root.resolve("wav48_silence_trimmed/p225/p225_002_mic1.flac"), es.get(1).audioPath());
        assertEquals("Please call Stella.", es.get(0).text());
        assertEquals(es.get(0).split(), es.get(1).split(), "one speaker, one split");
    }
}
