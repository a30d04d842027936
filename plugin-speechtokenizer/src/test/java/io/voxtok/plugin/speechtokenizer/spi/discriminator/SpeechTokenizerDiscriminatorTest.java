package io.voxtok.plugin.speechtokenizer.spi.discriminator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.voxtok.api.ComponentConfig;
import io.voxtok.api.ErrorKind;
import io.voxtok.api.VoxtokException;
import io.voxtok.api.audio.AudioBuffer;
import io.voxtok.api.discriminator.Discriminator;
import io.voxtok.api.discriminator.DiscriminatorScores;
import io.voxtok.modelio.SafetensorsWriter;
import io.voxtok.modelio.StateDict;
import io.voxtok.modelio.Tensor;
import io.voxtok.testkit.TestComponentContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Input checks, model resolution, random init and concurrency of the components (small MS-STFT weights). */
class SpeechTokenizerDiscriminatorTest {
    @TempDir
    Path tmp;

    private static Discriminator create(DiscriminatorKind kind, ComponentConfig config) {
        return new SpeechTokenizerDiscriminatorFactory(kind).create(config, new TestComponentContext());
    }

    private static Discriminator msStft() {
        return create(DiscriminatorKind.MSTFTD, ComponentConfig.ofModel(
                DiscriminatorFixture.dir().resolve("disc_mstftd.pt")));
    }

    private static VoxtokException userInput(org.junit.jupiter.api.function.Executable call) {
        VoxtokException e = assertThrows(VoxtokException.class, call);
        assertEquals(ErrorKind.USER_INPUT, e.kind(), e.getMessage());
        return e;
    }

    @Test
    void otherSampleRatesAreRefused() {
        try (Discriminator d = msStft()) {
            float[] x = DiscriminatorFixture.step1Item(0).toArray();
            VoxtokException e = userInput(() -> d.score(AudioBuffer.ofMono(x, 24000)));
            assertTrue(e.getMessage().contains("16000 Hz") && e.getMessage().contains("24000 Hz"), e.getMessage());
        }
    }

    @Test
    void stereoShortAndNonFiniteAudioAreRefused() {
        try (Discriminator d = msStft()) {
            float[] x = DiscriminatorFixture.step1Item(0).toArray();
            VoxtokException e = userInput(() -> d.score(AudioBuffer.ofPlanar(new float[][] {x, x}, 16000)));
            assertTrue(e.getMessage().contains("mono"), e.getMessage());
            // the 2048-point STFT scale frames without centring: it needs 2048 samples
            e = userInput(() -> d.score(AudioBuffer.ofMono(new float[2047], 16000)));
            assertTrue(e.getMessage().contains("2048"), e.getMessage());
            float[] bad = x.clone();
            bad[5] = Float.NaN;
            e = userInput(() -> d.score(AudioBuffer.ofMono(bad, 16000)));
            assertTrue(e.getMessage().contains("index 5"), e.getMessage());
        }
    }

    @Test
    void aMissingModelIsReportedWithWhatWasLookedFor() throws Exception {
        VoxtokException e = userInput(() -> create(DiscriminatorKind.MPD, ComponentConfig.empty()));
        assertTrue(e.getMessage().contains("randomInit"), e.getMessage());
        e = userInput(() -> create(DiscriminatorKind.MPD, ComponentConfig.ofModel(tmp)));
        assertTrue(e.getMessage().contains(tmp.toString()) && e.getMessage().contains("disc_mpd.pt")
                && e.getMessage().contains("disc_init.json"), e.getMessage());
        e = userInput(() -> create(DiscriminatorKind.MPD, ComponentConfig.ofModel(tmp.resolve("nope.pt"))));
        assertTrue(e.getMessage().contains("nope.pt"), e.getMessage());
    }

    /** The MS-STFT state dict given to MPD: every key is reported as not fitting, with the file. */
    @Test
    void anotherFamilysStateDictIsRefusedKeyByKey() {
        Path file = DiscriminatorFixture.dir().resolve("disc_mstftd.pt");
        VoxtokException e = userInput(() -> create(DiscriminatorKind.MPD, ComponentConfig.ofModel(file)));
        assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("missing")
                && e.getMessage().contains("unexpected"), e.getMessage());
    }

    /** A trainer checkpoint's discriminators.safetensors holds every family under its prefix. */
    @Test
    void aTrainerCheckpointFileWithFamilyPrefixesLoads() {
        StateDict sd = StateDict.read(DiscriminatorFixture.dir().resolve("disc_mstftd.pt"));
        Map<String, Tensor> prefixed = new LinkedHashMap<>();
        sd.keys().forEach(k -> prefixed.put("mstftd." + k, sd.get(k)));
        prefixed.put("mpd.discriminators.0.convs.0.bias", Tensor.ofFloats(new float[32], 32));
        SafetensorsWriter.write(tmp.resolve("discriminators.safetensors"), prefixed);
        AudioBuffer x = DiscriminatorFixture.step1Item(0);
        try (Discriminator fromFile = msStft();
             Discriminator fromCheckpoint = create(DiscriminatorKind.MSTFTD, ComponentConfig.ofModel(tmp))) {
            DiscriminatorScores a = fromFile.score(x);
            DiscriminatorScores b = fromCheckpoint.score(x);
            for (String n : a.names()) {
                assertArrayEquals(a.logits(n), b.logits(n), n);
            }
        }
        // the same file has no msd tensors
        VoxtokException e = userInput(() -> create(DiscriminatorKind.MSD, ComponentConfig.ofModel(tmp)));
        assertTrue(e.getMessage().contains("no msd discriminator weights"), e.getMessage());
    }

    @Test
    void randomInitNeedsNoModelAndFollowsTheSeed() {
        AudioBuffer x = DiscriminatorFixture.step1Item(0);
        ComponentConfig c = ComponentConfig.empty().with("randomInit", "true").with("filters", "8");
        try (Discriminator a = create(DiscriminatorKind.MSTFTD, c.with("seed", "1"));
             Discriminator b = create(DiscriminatorKind.MSTFTD, c.with("seed", "1"));
             Discriminator other = create(DiscriminatorKind.MSTFTD, c.with("seed", "2"))) {
            DiscriminatorScores sa = a.score(x);
            DiscriminatorScores sb = b.score(x);
            DiscriminatorScores so = other.score(x);
            for (String n : sa.names()) {
                float[] v = sa.logits(n);
                assertEquals(DiscriminatorFixture.realLogits("mstftd", List.copyOf(sa.names()).indexOf(n)).length,
                        v.length, n + ": the logit count does not depend on the width");
                for (float f : v) {
                    assertTrue(Float.isFinite(f), n);
                }
                assertArrayEquals(v, sb.logits(n), n + ": same seed");
                assertFalse(java.util.Arrays.equals(v, so.logits(n)), n + ": other seed");
            }
        }
    }

    /** Concurrent calls give exactly what one call alone gives (they are serialised). */
    @Test
    void concurrentScoresEqualSequentialOnes() throws Exception {
        AudioBuffer x0 = DiscriminatorFixture.step1Item(0);
        AudioBuffer x1 = DiscriminatorFixture.step1Item(1);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try (Discriminator d = msStft()) {
            DiscriminatorScores e0 = d.score(x0);
            DiscriminatorScores e1 = d.score(x1);
            List<Future<DiscriminatorScores>> futures = new java.util.ArrayList<>();
            for (int i = 0; i < 8; i++) {
                AudioBuffer x = i % 2 == 0 ? x0 : x1;
                futures.add(pool.submit(() -> d.score(x)));
            }
            for (int i = 0; i < futures.size(); i++) {
                DiscriminatorScores expected = i % 2 == 0 ? e0 : e1;
                DiscriminatorScores got = futures.get(i).get();
                for (String n : expected.names()) {
                    assertArrayEquals(expected.logits(n), got.logits(n), "call " + i + " " + n);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aClosedDiscriminatorRefusesToScore() {
        Discriminator d = msStft();
        d.close();
        d.close();
        assertThrows(IllegalStateException.class, () -> d.score(DiscriminatorFixture.step1Item(0)));
    }
}
