package io.voxtok.plugin.encodec;

import io.voxtok.testkit.TestComponentContext;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.voxtok.api.ComponentConfig;
import io.voxtok.api.ErrorKind;
import io.voxtok.api.VoxtokException;
import io.voxtok.api.VoxtokPlugin;
import io.voxtok.api.audio.AudioBuffer;
import io.voxtok.api.token.ComputeCost;
import io.voxtok.api.token.TokenMatrix;
import io.voxtok.api.token.Tokenizer;
import io.voxtok.api.token.TokenizerOptions;
import io.voxtok.api.token.Segmentation;
import io.voxtok.api.token.TokenizerSpec;
import io.voxtok.nn.profile.BlockCost;
import io.voxtok.nn.profile.ProfiledTokenizer;
import io.voxtok.plugin.encodec.model.EncodecConfig;
import io.voxtok.plugin.encodec.model.EncodecFlops;

import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** Options, bandwidths, metadata, random weights, variants and refusals of the EnCodec factories. */
class EncodecTokenizerFactoryTest {
    private final EncodecTokenizerFactory factory = new EncodecTokenizerFactory();

    @Test
    void pluginRegistersOneFactoryPerVariant() {
        VoxtokPlugin plugin = ServiceLoader.load(VoxtokPlugin.class).findFirst().orElseThrow();
        assertInstanceOf(EncodecPlugin.class, plugin);
        // the registry resolves a bare name to its "default" variant and name:variant exactly, so these three give
        // encodec, encodec:24khz and encodec:48khz
        assertEquals(List.of("encodec:default", "encodec:24khz", "encodec:48khz"),
                plugin.tokenizers().stream().map(f -> f.id().toString()).toList());
        assertEquals(8, factory.defaultSpec().numLayers(), "6 kbps on the official model = 8 codebooks");
        assertEquals(1024, factory.defaultSpec().codebookSize());
        TokenizerSpec spec48 = new EncodecTokenizerFactory(EncodecVariant.STEREO_48KHZ).defaultSpec();
        assertEquals(Encodec48kTokenizer.spec(EncodecConfig.encodec48khz(), 6), spec48);
        assertEquals(4, spec48.numLayers(), "6 kbps on the official 48 kHz model = 4 codebooks");
        assertEquals(2, spec48.channels());
        assertTrue(spec48.segmentation().isPresent());
    }

    @Test
    void theFortyEightKilohertzNameGivesTheFortyEightKilohertzTokenizerAndRefusesTheOtherLayout() {
        EncodecTokenizerFactory f48 = new EncodecTokenizerFactory(EncodecVariant.STEREO_48KHZ);
        assertEquals("encodec:48khz", f48.id().toString());
        try (Tokenizer t = f48.create(ComponentConfig.empty().with(TokenizerOptions.RANDOM_INIT, "true"),
                new TestComponentContext())) {
            assertInstanceOf(Encodec48kTokenizer.class, t, "random weights default to the 48 kHz model");
            assertEquals(f48.id(), t.id());
            assertEquals(f48.defaultSpec(), t.spec());
        }
        VoxtokException wrongModel = assertThrows(VoxtokException.class, () -> f48.create(
                ComponentConfig.ofModel(EncodecFixture.dir()), new TestComponentContext()));
        assertEquals(ErrorKind.USER_INPUT, wrongModel.kind());
        assertTrue(wrongModel.getMessage().contains("encodec:24khz"), wrongModel.getMessage());
        EncodecTokenizerFactory f24 = new EncodecTokenizerFactory(EncodecVariant.MONO_24KHZ);
        try (Tokenizer t = f24.create(ComponentConfig.ofModel(EncodecFixture.dir()), new TestComponentContext())) {
            assertEquals(f24.id(), t.id());
        }
        VoxtokException wrongConfig = assertThrows(VoxtokException.class, () -> f24.create(ComponentConfig.empty()
                .with(TokenizerOptions.RANDOM_INIT, "true").with(TokenizerOptions.CONFIG_FILE, "encodec_48khz"),
                new TestComponentContext()));
        assertTrue(wrongConfig.getMessage().contains("encodec:48khz"), wrongConfig.getMessage());
    }

    @Test
    void bandwidthSetsLayersAndMetadata() {
        try (Tokenizer t = factory.create(ComponentConfig.ofModel(EncodecFixture.dir()).with("bandwidth", "1.5"),
                new TestComponentContext())) {
            assertEquals(3, t.spec().numLayers(), "fixture: bins 64, 1.5 kbps -> 3 codebooks");
            assertEquals(Map.of("bandwidth_kbps", "1.5"), t.tokenMetadata());
            assertEquals("encodec", t.producer().name());
            assertEquals("24khz", t.producer().variant());
            assertEquals(64, t.producer().weightsHash().length(), "sha256 of model.pt");
            assertEquals(320, t.spec().hopLength());
            assertTrue(t.spec().causal());
        }
    }

    @Test
    void invalidBandwidthIsRefusedWithTheLadder() {
        VoxtokException e = assertThrows(VoxtokException.class, () -> factory.create(
                ComponentConfig.ofModel(EncodecFixture.dir()).with("bandwidth", "5"), new TestComponentContext()));
        assertEquals(ErrorKind.USER_INPUT, e.kind());
        assertTrue(e.getMessage().contains("1.5, 3, 6, 12, 24"), e.getMessage());
        VoxtokException e48 = assertThrows(VoxtokException.class, () -> EncodecConfig.encodec48khz().codebooksFor(1.5));
        assertTrue(e48.getMessage().contains("3, 6, 12, 24"), e48.getMessage());
    }

    @Test
    void officialBandwidthLadders() {
        EncodecConfig c24 = EncodecConfig.encodec24khz();
        int[] n24 = {2, 4, 8, 16, 32};
        double[] bw24 = {1.5, 3, 6, 12, 24};
        for (int i = 0; i < n24.length; i++) {
            assertEquals(n24[i], c24.codebooksFor(bw24[i]), bw24[i] + " kbps");
        }
        EncodecConfig c48 = EncodecConfig.encodec48khz();
        int[] n48 = {2, 4, 8, 16};
        double[] bw48 = {3, 6, 12, 24};
        for (int i = 0; i < n48.length; i++) {
            assertEquals(n48[i], c48.codebooksFor(bw48[i]), bw48[i] + " kbps");
        }
        assertEquals(32, c24.numQuantizers());
        assertEquals(16, c48.numQuantizers());
        assertEquals(150, c48.frameRate());
        assertEquals(47520, c48.segmentStride());
    }

    @Test
    void unknownOptionsAndMissingModelAreRefused() {
        VoxtokException e = assertThrows(VoxtokException.class, () -> factory.create(
                ComponentConfig.ofModel(EncodecFixture.dir()).with("bandwith", "6"), new TestComponentContext()));
        assertEquals(ErrorKind.USER_INPUT, e.kind());
        assertTrue(e.getMessage().contains("bandwith"), e.getMessage());
        VoxtokException noModel = assertThrows(VoxtokException.class,
                () -> factory.create(ComponentConfig.empty(), new TestComponentContext()));
        assertEquals(ErrorKind.USER_INPUT, noModel.kind());
    }

    @Test
    void aFortyEightKilohertzConfigGivesTheSegmentedTokenizer() {
        try (Tokenizer t = factory.create(ComponentConfig.empty().with(TokenizerOptions.RANDOM_INIT, "true")
                .with(TokenizerOptions.CONFIG_FILE, "encodec_48khz").with("bandwidth", "12"), new TestComponentContext())) {
            assertInstanceOf(Encodec48kTokenizer.class, t);
            assertEquals("encodec", t.id().name());
            assertEquals("48khz", t.id().variant());
            assertEquals("48khz", t.producer().variant());
            assertEquals(new TokenizerSpec(48000, 2, 320, 8, 1024, 0, false, false)
                    .withSegmentation(new Segmentation(48000, 47520)), t.spec(),
                    "official 48 kHz at 12 kbps: 8 codebooks of 1024, 150 frames/s, not causal, 1 s segments every 0.99 s");
            assertEquals(Map.of("bandwidth_kbps", "12"), t.tokenMetadata());
            ComputeCost cost = (ComputeCost) t;
            assertEquals(EncodecFlops.encodePerSecond(EncodecConfig.encodec48khz(), 8) * 48000 / 47520.0,
                    cost.encodeFlopsPerSecond(), 1.0, "segment overlap counted");
        }
        VoxtokException e = assertThrows(VoxtokException.class, () -> factory.create(ComponentConfig.empty()
                .with(TokenizerOptions.RANDOM_INIT, "true").with(TokenizerOptions.CONFIG_FILE, "encodec_48khz")
                .with("bandwidth", "1.5"), new TestComponentContext()));
        assertEquals(ErrorKind.USER_INPUT, e.kind());
        assertTrue(e.getMessage().contains("3, 6, 12, 24"), e.getMessage());
    }

    @Test
    void randomInitBuildsTheOfficialSizeAndReportsItsCost() {
        ComponentConfig cfg = ComponentConfig.empty().with(TokenizerOptions.RANDOM_INIT, "true")
                .with(TokenizerOptions.CONFIG_FILE, "encodec_24khz").with(TokenizerOptions.SEED, "3");
        try (Tokenizer t = factory.create(cfg, new TestComponentContext())) {
            assertEquals("random-3", t.producer().weightsHash());
            assertEquals(8, t.spec().numLayers());
            TokenMatrix m = t.encode(AudioBuffer.ofMono(new float[24000], 24000));
            assertEquals(75, m.frames());
            assertEquals(24000, t.decode(m).frames());
            ComputeCost cost = (ComputeCost) t;
            assertEquals(EncodecFlops.encodePerSecond(EncodecConfig.encodec24khz(), 8), cost.encodeFlopsPerSecond());
            assertTrue(cost.decodeFlopsPerSecond() > 1e9);
            // the profiler's per-block costs of one second (75 frames exactly) add up to the same formula
            ProfiledTokenizer p = (ProfiledTokenizer) t;
            double enc = p.encodeCosts(24000).stream().mapToDouble(BlockCost::flops).sum();
            double dec = p.decodeCosts(24000).stream().mapToDouble(BlockCost::flops).sum();
            assertEquals(cost.encodeFlopsPerSecond(), enc, 1e-6 * enc);
            assertEquals(cost.decodeFlopsPerSecond(), dec, 1e-6 * dec);
        }
    }

    /**
     * FLOPs of the official 24 kHz model, checked by hand for two terms: the first convolution, 2 x 1 x 32 x 7 x
     * 24000 = 10 752 000, and one LSTM, 2 layers x 2 x 4 x 512 x 1024 x 75 = 629 145 600 per second.
     */
    @Test
    void flopCountOfTheOfficialModel() {
        EncodecConfig c = EncodecConfig.encodec24khz();
        double enc0 = EncodecFlops.encodePerSecond(c, 0);
        double enc8 = EncodecFlops.encodePerSecond(c, 8);
        assertEquals(2.0 * 128 * 1024 * 8 * 75, enc8 - enc0, 1e-3, "RVQ search cost of 8 codebooks");
        assertTrue(enc0 > 10_752_000 + 629_145_600, "encoder at least first conv + LSTM: " + enc0);
    }
}
