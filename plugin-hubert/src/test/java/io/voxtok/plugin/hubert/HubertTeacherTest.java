package io.voxtok.plugin.hubert;

import static io.voxtok.plugin.hubert.HubertFixture.UTTS;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.voxtok.api.ComponentConfig;
import io.voxtok.api.VoxtokException;
import io.voxtok.api.VoxtokPlugin;
import io.voxtok.api.audio.AudioBuffer;
import io.voxtok.api.backend.BackendKind;
import io.voxtok.api.backend.BackendSpec;
import io.voxtok.api.teacher.FeatureSequence;
import io.voxtok.api.teacher.LayerSelection;
import io.voxtok.api.teacher.Teacher;
import io.voxtok.api.teacher.TeacherFactory;
import io.voxtok.plugin.hubert.config.ManifestTolerances;
import io.voxtok.units.Centroids;
import io.voxtok.units.UnitExtractor;
import java.util.Arrays;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The SPI path: plugin discovery, factory options, SpeechTokenizer's teacher target and k-means units. */
class HubertTeacherTest {
    private static final BackendSpec CPU = BackendSpec.pytorchCpu(2);

    private static Teacher create(ComponentConfig cfg) {
        return new HubertTeacherFactory().create(cfg, HubertFixture.context(CPU));
    }

    @Test
    void pluginIsDiscoveredWithTheHubertTeacher() {
        List<VoxtokPlugin> plugins = ServiceLoader.load(VoxtokPlugin.class).stream().map(ServiceLoader.Provider::get).toList();
        assertTrue(plugins.stream().anyMatch(p -> p instanceof HubertPlugin), plugins.toString());
        TeacherFactory f = new HubertPlugin().teachers().get(0);
        assertEquals("hubert", f.id().name());
        assertEquals(Set.of(BackendKind.PYTORCH, BackendKind.ONNX_RUNTIME), f.supportedBackends());
    }

    @Test
    void speechTokenizerAverageTargetOnPaddedNormalisedInput() {
        ComponentConfig cfg = ComponentConfig.ofModel(HubertFixture.dir()).with("min-samples", "48000");
        // normalize defaults to do_normalize=true of the fixture's preprocessor_config.json
        ManifestTolerances tol = new ManifestTolerances(HubertFixture.dir());
        try (Teacher t = create(cfg)) {
            assertEquals(new io.voxtok.api.teacher.TeacherSpec(16_000, 64, 50.0, 5), t.spec());
            for (String u : UTTS) {
                FeatureSequence f = t.represent(HubertFixture.audio(u), new LayerSelection.Average());
                assertEquals(149, f.frames());
                assertEquals(50.0, f.frameRate());
                String file = u + "_teacher_avg.npy";
                HubertFixture.assertClose(HubertFixture.expected(file).toFloatArray(), f.toArray(),
                        tol.atol("expected/" + file), file);
            }
        }
    }

    @Test
    void normalisationMatchesTheFeatureExtractorStatistics() {
        ManifestTolerances tol = new ManifestTolerances(HubertFixture.dir());
        WaveformPreprocessor p = new WaveformPreprocessor(true, 48_000);
        for (String u : UTTS) {
            float[] x = p.apply(HubertFixture.wav(u));
            assertEquals(48_000, x.length);
            List<?> want = tol.firstTeacherSamples(u);
            for (int i = 0; i < want.size(); i++) {
                assertEquals(((Number) want.get(i)).doubleValue(), x[i], 1e-6, u + " sample " + i);
            }
        }
        float[] raw = {1, 2, 3};
        assertArrayEquals(raw, new WaveformPreprocessor(false, 0).apply(raw));
    }

    @Test
    void kmeansUnitsOfLayerThreeEqualTheReference() {
        Centroids c = Centroids.load(HubertFixture.dir().resolve("kmeans_centroids.npy"));
        UnitExtractor units = new UnitExtractor(c, false);
        try (Teacher t = create(ComponentConfig.ofModel(HubertFixture.dir()).with("normalize", "false"))) {
            for (String u : UTTS) {
                long[] want = HubertFixture.expected(u + "_km_units.npy").toLongArray();
                int[] got = units.extract(t.represent(HubertFixture.audio(u), new LayerSelection.Single(3)));
                assertArrayEquals(Arrays.stream(want).mapToInt(v -> (int) v).toArray(), got, u);
            }
        }
    }

    @Test
    void batchApiEqualsSingleCalls() {
        try (HubertTeacher t = (HubertTeacher) create(ComponentConfig.ofModel(HubertFixture.dir()).with("normalize", "false"))) {
            List<AudioBuffer> in = List.of(HubertFixture.audio("utt3"), HubertFixture.audio("utt1"));
            List<FeatureSequence> b = t.representBatch(in, new LayerSelection.Single(2));
            for (int i = 0; i < in.size(); i++) {
                HubertFixture.assertClose(t.represent(in.get(i), new LayerSelection.Single(2)).toArray(), b.get(i).toArray(),
                        1e-5, "item " + i);
            }
        }
    }

    @Test
    void badInputAndOptionsAreRefused() {
        assertThrows(VoxtokException.class, () -> create(ComponentConfig.ofModel(HubertFixture.dir()).with("layers", "9")));
        assertThrows(VoxtokException.class, () -> create(ComponentConfig.ofModel(HubertFixture.dir()).with("normalize", "maybe")));
        assertThrows(VoxtokException.class, () -> create(ComponentConfig.empty()));
        assertThrows(VoxtokException.class, () -> new HubertTeacherFactory().create(ComponentConfig.ofModel(HubertFixture.dir()),
                HubertFixture.context(new BackendSpec(BackendKind.PURE_JAVA, io.voxtok.api.backend.DeviceSpec.cpu(), 1))));
        try (Teacher t = create(ComponentConfig.ofModel(HubertFixture.dir()))) {
            VoxtokException e = assertThrows(VoxtokException.class,
                    () -> t.represent(AudioBuffer.ofMono(new float[8000], 8000), new LayerSelection.Average()));
            assertTrue(e.getMessage().contains("16000 Hz"), e.getMessage());
            e = assertThrows(VoxtokException.class,
                    () -> t.represent(HubertFixture.audio("utt1"), new LayerSelection.Single(5)));
            assertTrue(e.getMessage().contains("0..4"), e.getMessage());
            float[] nan = new float[1000];
            nan[5] = Float.NaN;
            assertThrows(VoxtokException.class, () -> t.represent(AudioBuffer.ofMono(nan, 16_000), new LayerSelection.Average()));
            // stereo is averaged to mono
            float[] mono = HubertFixture.wav("utt1");
            float[][] planar = {mono, mono};
            HubertFixture.assertClose(t.represent(HubertFixture.audio("utt1"), new LayerSelection.Single(1)).toArray(),
                    t.represent(AudioBuffer.ofPlanar(planar, 16_000), new LayerSelection.Single(1)).toArray(), 1e-6, "stereo");
        }
    }
}
