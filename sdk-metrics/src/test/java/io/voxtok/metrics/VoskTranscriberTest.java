package io.voxtok.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.voxtok.api.VoxtokException;
import io.voxtok.api.audio.AudioBuffer;
import io.voxtok.data.CorpusEntry;
import io.voxtok.data.LoadedEntry;
import io.voxtok.data.ManifestDataset;
import io.voxtok.data.UtteranceLoader;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Vosk with the small English model on three bundled utterances (the first train utterance of the flite voices slt,
 * awb and rms as shipped). On the whole bundled corpus Vosk's WER is about 15 %, so three utterances of ~10 words
 * must stay far below 50 % unless the recogniser, the model unpacking or the audio path is broken.
 */
class VoskTranscriberTest {
    private static final Set<String> SPEAKERS = Set.of("slt_v0", "awb_v0", "rms_v0");

    @Test
    void transcribesBundledSpeech() {
        List<LoadedEntry> items;
        try (Stream<CorpusEntry> s = new ManifestDataset(ReferenceData.bundledCorpus().resolve("manifest.jsonl")).entries()) {
            java.util.Map<String, CorpusEntry> firstBySpeaker = new java.util.TreeMap<>();
            s.filter(e -> SPEAKERS.contains(e.speaker())).sorted(java.util.Comparator.comparing(CorpusEntry::id))
                    .forEach(e -> firstBySpeaker.putIfAbsent(e.speaker(), e));
            items = UtteranceLoader.failing(16000, 1).load(firstBySpeaker.values().stream()).toList();
        }
        assertEquals(3, items.size());
        ErrorRate wer = new ErrorRate();
        try (VoskTranscriber vosk = VoskTranscriber.open()) {
            assertEquals(16000, vosk.sampleRate());
            for (LoadedEntry e : items) {
                String hyp = vosk.transcribe(e.audio());
                assertEquals(TextNormalizer.normalize(hyp), hyp, "Vosk output is lower case without punctuation");
                wer.add(e.entry().text(), hyp);
            }
            assertTrue(wer.wer().value() < 0.5, "WER " + wer.wer().value() + " " + wer.wordCounts());
            assertThrows(VoxtokException.class, () -> vosk.transcribe(AudioBuffer.ofMono(new float[8000], 8000)));
            assertEquals("", vosk.transcribe(AudioBuffer.ofMono(new float[16000], 16000)));
        }
    }
}
