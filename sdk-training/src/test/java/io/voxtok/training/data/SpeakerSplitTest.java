package io.voxtok.training.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.voxtok.api.VoxtokException;
import io.voxtok.data.CorpusEntry;
import io.voxtok.data.ManifestDataset;
import io.voxtok.data.SplitAssigner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpeakerSplitTest {
    @TempDir
    Path dir;

    @Test
    void bundledCorpusHoldsDevSpeakersOut() {
        Path manifest = Path.of(System.getProperty("voxtok.root"), "corpus", "bundled", "manifest.jsonl");
        SpeakerSplit s = SpeakerSplit.of(new ManifestDataset(manifest)).requireHeldOutSpeakers();
        // corpus/README.md: train 176, dev 22 (test 22 used by neither)
        assertEquals(176, s.train().size());
        assertEquals(22, s.dev().size());
        assertTrue(s.sharedSpeakers().isEmpty());
    }

    @Test
    void itemsWithoutASplitAreAssignedBySpeaker() throws IOException {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 200; i++) {
            b.append("{\"id\":\"u").append(i).append("\",\"path\":\"a.wav\",\"text\":\"x\",\"speaker\":\"s")
                    .append(i % 40).append("\"}\n");
        }
        Path m = dir.resolve("m.jsonl");
        Files.writeString(m, b);
        SpeakerSplit s = SpeakerSplit.of(new ManifestDataset(m, SplitAssigner.bySpeaker(0.25, 0.1)));
        assertTrue(s.sharedSpeakers().isEmpty());
        assertTrue(!s.dev().isEmpty() && !s.train().isEmpty());
        for (CorpusEntry e : s.dev()) {
            // every utterance of a dev speaker is in dev: 5 per speaker
            assertEquals(5, s.dev().stream().filter(x -> x.speaker().equals(e.speaker())).count());
        }
        assertTrue(s.train().size() + s.dev().size() < 200, "test speakers are in neither");
    }

    @Test
    void explicitSplitsSharingASpeakerAreReported() throws IOException {
        Path m = dir.resolve("m.jsonl");
        Files.writeString(m, "{\"id\":\"a\",\"path\":\"a.wav\",\"text\":\"x\",\"speaker\":\"s1\",\"split\":\"train\"}\n"
                + "{\"id\":\"b\",\"path\":\"b.wav\",\"text\":\"x\",\"speaker\":\"s1\",\"split\":\"dev\"}\n"
                + "{\"id\":\"c\",\"path\":\"c.wav\",\"text\":\"x\",\"speaker\":\"s2\",\"split\":\"dev\"}\n");
        SpeakerSplit s = SpeakerSplit.of(new ManifestDataset(m));
        assertEquals(Set.of("s1"), s.sharedSpeakers());
        VoxtokException e = assertThrows(VoxtokException.class, s::requireHeldOutSpeakers);
        assertTrue(e.getMessage().contains("s1"), e.getMessage());
    }
}
