package org.example.mulaw;

import io.voxtok.testkit.TestComponentContext;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.voxtok.api.ComponentConfig;
import io.voxtok.api.ErrorKind;
import io.voxtok.api.VoxtokException;
import io.voxtok.api.VoxtokPlugin;
import io.voxtok.api.audio.AudioBuffer;
import io.voxtok.api.backend.BackendKind;
import io.voxtok.api.token.EncoderStream;
import io.voxtok.api.token.LayerRange;
import io.voxtok.api.token.TokenMatrix;
import io.voxtok.api.token.TokenizerFactory;
import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** Behaviour specific to the mu-law plugin that the generic conformance kit does not cover. */
final class MulawTokenizerTest {
    private final MulawTokenizer tokenizer = new MulawTokenizer();

    @Test
    void specIsEightKilohertzOneTokenPerSample() {
        assertEquals(8000, tokenizer.spec().sampleRate());
        assertEquals(1, tokenizer.spec().hopLength());
        assertEquals(8000.0, tokenizer.spec().frameRate());
        assertEquals(64000.0, tokenizer.spec().bitrate(1), 1e-9);
        assertTrue(tokenizer.spec().causal() && tokenizer.spec().streamable());
    }

    @Test
    void encodesSamplesToTheirMulawCodes() {
        // Codes from the numpy reference table (src/test/resources/mulaw-reference.tsv).
        TokenMatrix tokens = tokenizer.encode(AudioBuffer.ofMono(new float[] {0f, 1f, -1f, 0.5f, -0.1f}, 8000));
        assertArrayEquals(new int[] {128, 255, 0, 239, 52}, tokens.itemCodes(0)[0]);
    }

    @Test
    void decodesEachItemOfAPaddedBatchToItsValidLength() {
        TokenMatrix batch = tokenizer.encodeBatch(List.of(AudioBuffer.ofMono(new float[] {0.5f, -0.5f, 0f}, 8000),
                AudioBuffer.ofMono(new float[] {1f}, 8000)), LayerRange.first(1));
        List<AudioBuffer> audio = tokenizer.decodeBatch(batch);
        assertEquals(3, audio.get(0).frames());
        assertArrayEquals(new float[] {MulawCodec.decode(239), MulawCodec.decode(16), MulawCodec.decode(128)},
                audio.get(0).toArray());
        assertArrayEquals(new float[] {1f}, audio.get(1).toArray());
    }

    @Test
    void streamRefusesUseAfterFinish() {
        try (EncoderStream stream = tokenizer.openEncoderStream(LayerRange.first(1))) {
            assertEquals(2, stream.push(new float[] {0.1f, 0.2f}).frames());
            assertEquals(0, stream.finish().frames());
            assertThrows(IllegalStateException.class, () -> stream.push(new float[] {0.3f}));
        }
    }

    @Test
    void factoryRefusesUnknownOptionsAndIgnoresAModel() {
        MulawTokenizerFactory factory = new MulawTokenizerFactory();
        VoxtokException e = assertThrows(VoxtokException.class,
                () -> factory.create(ComponentConfig.empty().with("bits", "16"), TestComponentContext.pureJava()));
        assertEquals(ErrorKind.USER_INPUT, e.kind());
        assertTrue(e.getMessage().contains("bits"), e.getMessage());
        assertFalse(factory.requiresModel());
        assertEquals(java.util.Set.of(BackendKind.PURE_JAVA), factory.supportedBackends());
        assertEquals(MulawTokenizer.SPEC, factory.defaultSpec());
        try (var created = factory.create(ComponentConfig.ofModel(Path.of("unused")), TestComponentContext.pureJava())) {
            assertEquals(MulawTokenizer.PRODUCER, created.producer());
        }
    }

    @Test
    void pluginIsFoundByServiceLoaderAndOffersTheFactory() {
        List<VoxtokPlugin> plugins = ServiceLoader.load(VoxtokPlugin.class).stream()
                .map(ServiceLoader.Provider::get).toList();
        VoxtokPlugin plugin = plugins.stream().filter(MulawPlugin.class::isInstance).findFirst()
                .orElseThrow(() -> new AssertionError("MulawPlugin is not registered in META-INF/services"));
        List<TokenizerFactory> factories = plugin.tokenizers();
        assertEquals(1, factories.size());
        assertInstanceOf(MulawTokenizerFactory.class, factories.get(0));
        assertEquals("mulaw:default", factories.get(0).id().toString());
        assertTrue(plugin.teachers().isEmpty() && plugin.benchmarks().isEmpty());
    }
}
