package io.voxtok.plugin.speechtokenizer.spi;

import io.voxtok.testkit.TestComponentContext;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.voxtok.api.ComponentConfig;
import io.voxtok.api.VoxtokException;
import io.voxtok.api.audio.AudioBuffer;
import io.voxtok.api.token.LayerRange;
import io.voxtok.api.token.TokenMatrix;
import io.voxtok.api.token.Tokenizer;
import io.voxtok.modelio.NpyFile;
import io.voxtok.modelio.Tensor;
import io.voxtok.nn.profile.BlockCost;
import io.voxtok.nn.profile.ProfiledTokenizer;
import io.voxtok.nn.profile.TokenizerProfile;
import io.voxtok.nn.seanet.SeanetActivation;
import io.voxtok.plugin.speechtokenizer.config.SpeechTokenizerConfig;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The SPI adapter against the official outputs of the shared fixture. */
class SpeechTokenizerTokenizerTest {
    private static AudioBuffer utterance(String name) throws Exception {
        byte[] b = Files.readAllBytes(TestContext.fixture().resolve(name));
        ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        int data = 12;
        int size = 0;
        while (data < b.length) {
            String id = new String(b, data, 4, java.nio.charset.StandardCharsets.US_ASCII);
            size = bb.getInt(data + 4);
            if (id.equals("data")) {
                data += 8;
                break;
            }
            data += 8 + size;
        }
        float[] x = new float[size / 2];
        for (int i = 0; i < x.length; i++) {
            x[i] = bb.getShort(data + 2 * i) / 32768f;
        }
        return AudioBuffer.ofMono(x, 16000);
    }

    private static Tokenizer tokenizer(ComponentConfig c) {
        return new SpeechTokenizerTokenizerFactory().create(c, new TestComponentContext());
    }

    private static int[] expectedCodes(String file, int layer) {
        Tensor t = NpyFile.read(TestContext.fixture().resolve("expected").resolve(file));
        long[] v = t.toLongArray();
        int frames = (int) t.shape()[2];
        int[] out = new int[frames];
        for (int i = 0; i < frames; i++) {
            out[i] = (int) v[layer * frames + i];
        }
        return out;
    }

    @Test
    void codesThroughTheSpiEqualTheOfficialOnes() throws Exception {
        try (Tokenizer t = tokenizer(ComponentConfig.ofModel(TestContext.fixture()))) {
            TokenMatrix m = t.encode(utterance("utt2_16k.wav"));
            assertEquals(8, m.layers());
            for (int l = 0; l < 8; l++) {
                assertArrayEquals(expectedCodes("utt2_codes.npy", l), m.itemCodes(0)[l], "layer " + l);
            }
            TokenMatrix st = t.encode(utterance("utt2_16k.wav"), LayerRange.of(1, 3));
            assertEquals(1, st.firstLayer());
            assertArrayEquals(expectedCodes("utt2_codes_nq3_st1.npy", 0), st.itemCodes(0)[0]);
            assertArrayEquals(expectedCodes("utt2_codes_nq3_st1.npy", 1), st.itemCodes(0)[1]);
            assertEquals(64, t.producer().weightsHash().length(), "sha-256 of the checkpoint");
        }
    }

    @Test
    void decodingTheOfficialCodesGivesTheOfficialAudio() throws Exception {
        try (Tokenizer t = tokenizer(ComponentConfig.ofModel(TestContext.fixture()))) {
            TokenMatrix m = t.encode(utterance("utt1_16k.wav"));
            float[] y = t.decode(m).toArray();
            Tensor ref = NpyFile.read(TestContext.fixture().resolve("expected/utt1_decoded.npy"));
            float[] r = ref.toFloatArray();
            assertEquals(r.length, y.length);
            double max = 0;
            for (int i = 0; i < r.length; i++) {
                max = Math.max(max, Math.abs(r[i] - y[i]));
            }
            assertTrue(max < 2e-5, "max abs difference " + max);
        }
    }

    @Test
    void chunkingOnlyKicksInAboveTheThreshold() throws Exception {
        AudioBuffer a = utterance("utt3_16k.wav");
        try (Tokenizer whole = tokenizer(ComponentConfig.ofModel(TestContext.fixture()));
             Tokenizer chunked = tokenizer(ComponentConfig.ofModel(TestContext.fixture()).with("chunking", "on")
                     .with("chunkSeconds", "1.0").with("contextSeconds", "0.3"))) {
            TokenMatrix w = whole.encode(a);
            TokenMatrix c = chunked.encode(a);
            assertEquals(w.frames(), c.frames());
            int same = 0;
            for (int l = 0; l < 8; l++) {
                for (int f = 0; f < w.frames(); f++) {
                    same += w.code(l, 0, f) == c.code(l, 0, f) ? 1 : 0;
                }
            }
            // With 0.3 s of context the small fixture model sees nearly all it needs.
            assertTrue(same > 0.9 * 8 * w.frames(), same + " of " + 8 * w.frames());
            assertTrue(chunked.tokenMetadata().get("chunking").startsWith("on"));
        }
    }

    @Test
    void optionsAreValidated() {
        VoxtokException e = assertThrows(VoxtokException.class,
                () -> tokenizer(ComponentConfig.ofModel(TestContext.fixture()).with("chunkin", "on")));
        assertTrue(e.getMessage().contains("chunkin"), e.getMessage());
        e = assertThrows(VoxtokException.class,
                () -> tokenizer(ComponentConfig.ofModel(TestContext.fixture()).with("chunking", "sometimes")));
        assertTrue(e.getMessage().contains("chunking"), e.getMessage());
        e = assertThrows(VoxtokException.class, () -> tokenizer(ComponentConfig.ofModel(TestContext.fixture())
                .with("chunkSeconds", "2").with("contextSeconds", "1")));
        assertTrue(e.getMessage().contains("contextSeconds"), e.getMessage());
        e = assertThrows(VoxtokException.class, () -> tokenizer(ComponentConfig.empty()));
        assertTrue(e.getMessage().contains("--model"), e.getMessage());
        e = assertThrows(VoxtokException.class, () -> tokenizer(ComponentConfig.ofModel(Path.of("/no/such/dir"))));
        assertTrue(e.getMessage().contains("/no/such/dir"), e.getMessage());
    }

    @Test
    void flopsFollowTheArchitecture() {
        SpeechTokenizerConfig c = SpeechTokenizerConfig.official(SeanetActivation.ELU);
        // Encoder BiLSTM alone, by hand: 2 layers x 2 directions x 50 frames x 2 x 4H(In+H), H = 1024,
        // In = 1024 then 2048: 2*50*2*4*1024*(2048 + 3072) = 4.19e9 FLOP per second of audio.
        double lstm = 2 * 50 * 2.0 * 4 * 1024 * (2048 + 3072);
        double enc = SpeechTokenizerFlops.encode(c);
        assertTrue(enc > lstm && enc < 3 * lstm, "encode " + enc);
        // RVQ: 8 layers x 50 frames x 2 x 1024 x 1024.
        assertTrue(enc - lstm > 8 * 50 * 2.0 * 1024 * 1024);
        double dec = SpeechTokenizerFlops.decode(c);
        double decLstm = 2 * 50 * 2.0 * 4 * 1024 * 2048;
        assertTrue(dec > decLstm, "decode " + dec);
    }

    /**
     * The per-block costs the profiler reports add up to the independent whole-model formula (one second = 50
     * frames exactly), and a profile times every block: 16 encoder layers plus input, RVQ and codes; 16 decoder
     * layers plus codes, RVQ look-up and audio.
     */
    @Test
    void profiledBlocksAddUpToTheFlopFormulaAndAreAllTimed() throws Exception {
        SpeechTokenizerConfig c = SpeechTokenizerConfig.read(TestContext.fixture().resolve("config.json"));
        try (Tokenizer t = tokenizer(ComponentConfig.ofModel(TestContext.fixture()))) {
            ProfiledTokenizer p = (ProfiledTokenizer) t;
            double enc = p.encodeCosts(16000).stream().mapToDouble(BlockCost::flops).sum();
            double dec = p.decodeCosts(16000).stream().mapToDouble(BlockCost::flops).sum();
            assertEquals(SpeechTokenizerFlops.encode(c), enc, 1e-6 * enc);
            assertEquals(SpeechTokenizerFlops.decode(c), dec, 1e-6 * dec);
            TokenizerProfile r = p.profile(utterance("utt1_16k.wav"), 0, 1);
            assertEquals(19, r.encode().size());
            assertEquals(19, r.decode().size());
            assertTrue(r.encode().get(14).cost().name().startsWith("encoder.13 BiLSTM 2x"),
                    r.encode().get(14).cost().name());
            assertEquals(8, r.codebooks());
        }
    }
}
