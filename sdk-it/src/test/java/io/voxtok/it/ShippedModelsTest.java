package io.voxtok.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.voxtok.api.audio.AudioBuffer;
import io.voxtok.audio.AudioReader;
import io.voxtok.metrics.LogMelDistance;
import io.voxtok.modelio.NpyFile;
import io.voxtok.modelio.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The models shipped under {@code models/} load by name and make speech-like output: resynthesis of held-out
 * speech is far closer (log-mel distance) to the original than silence is, and the phone teacher yields features.
 * Thresholds are margins, not measured numbers: a model that outputs noise or silence fails them.
 */
class ShippedModelsTest {
    private static final List<String> NAMES = List.of("speechtokenizer-small", "codec-small-nodistill",
            "phone-teacher", "speaker-encoder", "uslm-small", "valle-small");

    @TempDir
    static Path dir;

    private static Path testUtterance() throws IOException {
        try (Stream<Path> s = Files.walk(Cli.root().resolve("corpus/bundled/audio"))) {
            return s.filter(p -> p.getFileName().toString().contains("_test_")).sorted().findFirst().orElseThrow();
        }
    }

    @Test
    void everyShippedModelIsListedHasACardAndStaysUnderFiveMegabytes() throws IOException {
        Cli r = Cli.run("models");
        assertEquals(0, r.code(), r.err());
        for (String n : NAMES) {
            assertTrue(r.out().contains(n), n + " not listed:\n" + r.out());
            Path d = Cli.root().resolve("models").resolve(n);
            assertTrue(Files.isRegularFile(d.resolve("README.md")), n + " has no model card");
            long bytes;
            try (Stream<Path> s = Files.list(d)) {
                bytes = s.mapToLong(p -> p.toFile().length()).sum();
            }
            assertTrue(bytes < 5_000_000, n + " is " + bytes + " bytes");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"speechtokenizer-small", "codec-small-nodistill"})
    void resynthesisByNameBeatsSilenceByAWideMargin(String name) throws IOException {
        Path in = testUtterance();
        Path out = dir.resolve(name + ".wav");
        Cli r = Cli.run("resynth", "-t", "speechtokenizer", "-m", name, in.toString(), "-o", out.toString());
        assertEquals(0, r.code(), r.err());
        AudioBuffer ref = AudioReader.readAs(in, 16000, 1);
        AudioBuffer hyp = AudioReader.readAs(out, 16000, 1);
        int n = Math.min(ref.frames(), hyp.frames());
        AudioBuffer refCut = ref.slice(0, n);
        LogMelDistance d = LogMelDistance.standard();
        double resynth = d.compute(refCut, hyp.slice(0, n)).value();
        double silence = d.compute(refCut, AudioBuffer.ofMono(new float[n], 16000)).value();
        assertTrue(resynth < 0.5 * silence, name + ": resynthesis " + resynth + " vs silence " + silence);
    }

    @Test
    void theSpeakerEncoderSeparatesHeldOutVoicesByName() throws IOException {
        Path out = dir.resolve("eer.json");
        Cli r = Cli.run("speaker", "eer", "--corpus", Cli.root().resolve("corpus/bundled").toString(), "--split",
                "test", "--encoder", "speaker-encoder", "-o", out.toString());
        assertEquals(0, r.code(), r.err());
        java.util.Map<String, Object> json = io.voxtok.modelio.Json.readObject(out);
        double eer = ((Number) json.get("eer")).doubleValue();
        // chance is 0.5; the held-out test voices of the bundled corpus are two variants of one speaker
        assertTrue(eer < 0.4, "EER " + eer);
        assertTrue(String.valueOf(json.get("encoder_description")).contains("sha256"), json.toString());
        Path wav = testUtterance();
        Cli same = Cli.run("speaker", "similarity", "--encoder", "speaker-encoder", wav.toString(), wav.toString());
        assertEquals(0, same.code(), same.err());
        assertEquals(1.0, Double.parseDouble(same.out().trim()), 1e-5);
    }

    @Test
    void thePhoneTeacherServesFeaturesByName() throws IOException {
        Path out = dir.resolve("feats");
        Cli r = Cli.run("features", "--teacher", "phone-teacher", "-m", "phone-teacher", "--layer", "2",
                testUtterance().toString(), "-o", out.toString());
        assertEquals(0, r.code(), r.err());
        try (Stream<Path> s = Files.list(out)) {
            Path npy = s.filter(p -> p.toString().endsWith(".npy")).findFirst().orElseThrow();
            Tensor t = NpyFile.read(npy);
            assertEquals(2, t.shape().length);
            assertEquals(256, t.shape()[1]);
            assertTrue(t.shape()[0] > 50);
        }
    }
}
