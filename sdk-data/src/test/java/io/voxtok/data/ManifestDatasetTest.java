package io.voxtok.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.voxtok.api.VoxtokException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** JSONL manifest parsing, writing and error messages. */
class ManifestDatasetTest {
    @TempDir
    Path dir;

    @Test
    void roundTripsThroughTheWriter() {
        PhoneAlignment al = PhoneAlignment.fromEndTimes(List.of("pau", "hh", "ow"), new double[] {0.1, 0.2, 0.35});
        CorpusEntry a = new CorpusEntry("u1", dir.resolve("audio/u1.flac"), "Hello, \"you\".", "s1", al.phones(),
                Optional.of(al), OptionalDouble.of(0.35), Split.DEV);
        CorpusEntry b = new CorpusEntry("u2", dir.resolve("audio/u2.wav"), "Bye", "s2", List.of(), Optional.empty(),
                OptionalDouble.empty(), Split.TEST);
        Path m = dir.resolve("manifest.jsonl");
        ManifestWriter.write(m, List.of(a, b));
        try (Stream<CorpusEntry> s = new ManifestDataset(m).entries()) {
            assertEquals(List.of(a, b), s.toList());
        }
        assertTrue(ManifestWriter.toJsonLine(a, dir).contains("\"path\":\"audio/u1.flac\""));
    }

    @Test
    void defaultsAndFallbackSplit() throws Exception {
        Path m = dir.resolve("m.jsonl");
        Files.writeString(m, "# comment\n\n{\"path\":\"a/x1.wav\",\"text\":\"t\",\"speaker\":\"spk\","
                + "\"alignment\":[[\"a\",0,0.5],[\"b\",0.5,1.0]]}\n");
        CorpusEntry e;
        try (Stream<CorpusEntry> s = new ManifestDataset(m).entries()) {
            e = s.findFirst().orElseThrow();
        }
        assertEquals("x1", e.id());
        assertEquals(List.of("a", "b"), e.phonemes());
        assertEquals(SplitAssigner.bySpeaker(0.05, 0.05).splitOf("spk"), e.split());
        assertEquals(dir.resolve("a/x1.wav"), e.audioPath());
    }

    @Test
    void malformedLinesNameFileAndLine() throws Exception {
        Path m = dir.resolve("bad.jsonl");
        String ok = "{\"path\":\"x.wav\",\"text\":\"t\",\"speaker\":\"s\",\"split\":\"train\"}";
        for (String bad : List.of("{not json", "{\"path\":\"x.wav\",\"speaker\":\"s\"}",
                "{\"path\":\"x.wav\",\"text\":\"t\",\"speaker\":\"s\",\"split\":\"holdout\"}",
                "{\"path\":\"x.wav\",\"text\":\"t\",\"speaker\":\"s\",\"alignment\":[[\"a\",0.5,0.2]]}",
                "{\"path\":\"x.wav\",\"text\":\"t\",\"speaker\":\"s\",\"duration\":-1}")) {
            Files.writeString(m, ok + "\n" + bad + "\n");
            VoxtokException e = assertThrows(VoxtokException.class, () -> {
                try (Stream<CorpusEntry> s = new ManifestDataset(m).entries()) {
                    s.toList();
                }
            });
            assertTrue(e.getMessage().contains("bad.jsonl:2"), e.getMessage());
        }
        assertThrows(VoxtokException.class, () -> new ManifestDataset(dir.resolve("none.jsonl")).entries());
    }
}
