package io.voxtok.plugin.encodec;

import io.voxtok.testkit.TestComponentContext;
import static io.voxtok.plugin.encodec.EncodecFixture.maxAbsDiff;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.voxtok.api.ComponentConfig;
import io.voxtok.api.ErrorKind;
import io.voxtok.api.VoxtokException;
import io.voxtok.api.audio.AudioBuffer;
import io.voxtok.api.token.LayerRange;
import io.voxtok.api.token.TokenMatrix;
import io.voxtok.api.token.TokenProducer;
import io.voxtok.api.token.Tokenizer;
import io.voxtok.api.token.Segmentation;
import io.voxtok.api.token.TokenizerSpec;
import io.voxtok.modelio.NpyFile;
import io.voxtok.modelio.Tensor;
import io.voxtok.plugin.encodec.model.EncodecConfig;
import io.voxtok.plugin.encodec.model.EncodecModel;
import io.voxtok.plugin.encodec.model.EncodedFrame;
import io.voxtok.testkit.TokenizerFixtures;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The {@code encodec:48khz} tokenizer on the small 48 kHz-layout model of {@code src/test/resources/encodec48}
 * (bins 32, so 6 kbps = 8 codebooks): its codes, scales and decoded audio against the outputs of
 * {@code src/test/python/gen_encodec48_reference.py} (PyTorch modules, official segmentation and overlap-add),
 * the token layout rule, batches, and refusals.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class Encodec48kTokenizerTest {
    private Path dir;
    private Tokenizer tokenizer;

    @BeforeAll
    void open() {
        dir = resource("encodec48");
        tokenizer = new EncodecTokenizerFactory().create(ComponentConfig.ofModel(dir), new TestComponentContext());
    }

    @AfterAll
    void close() {
        tokenizer.close();
    }

    @Test
    void theModelsConfigChoosesTheFortyEightKilohertzTokenizer() {
        assertInstanceOf(Encodec48kTokenizer.class, tokenizer);
        assertEquals("encodec", tokenizer.id().name());
        assertEquals("48khz", tokenizer.id().variant());
        assertEquals(new TokenProducer("encodec", "48khz", tokenizer.producer().weightsHash()), tokenizer.producer());
        assertEquals(new TokenizerSpec(48000, 2, 320, 8, 32, 0, false, false)
                .withSegmentation(new Segmentation(48000, 47520)), tokenizer.spec());
    }

    /** Two segments (48 000 and 2 880 samples): 150 + 9 frames, and the official decode of 47 520 + 9 * 320. */
    @Test
    void codesScalesAndAudioEqualThePythonReference() {
        Tensor in = NpyFile.read(dir.resolve("input.npy"));
        float[] flatIn = in.toFloatArray();
        int n = (int) in.shape()[1];
        AudioBuffer audio = AudioBuffer.ofPlanar(new float[][] {Arrays.copyOfRange(flatIn, 0, n),
                Arrays.copyOfRange(flatIn, n, 2 * n)}, 48000);
        TokenMatrix tokens = tokenizer.encode(audio);
        assertEquals(150 + 9, tokens.frames());
        assertEquals(tokens.frames(), tokens.validFrames(0));
        int[][] codes = tokens.itemCodes(0);
        long[] seg0 = NpyFile.read(dir.resolve("seg0_codes_bw6.npy")).toLongArray();
        long[] seg1 = NpyFile.read(dir.resolve("seg1_codes_bw6.npy")).toLongArray();
        for (int l = 0; l < 8; l++) {
            long[] expected = new long[159];
            System.arraycopy(seg0, l * 150, expected, 0, 150);
            System.arraycopy(seg1, l * 9, expected, 150, 9);
            assertArrayEquals(expected, Arrays.stream(codes[l]).asLongStream().toArray(), "layer " + l);
        }
        float[] scales = tokens.sideInfo().get(SegmentedTokenLayout.SCALE)[0];
        for (int s = 0; s < 2; s++) {
            float expected = NpyFile.read(dir.resolve("seg" + s + "_scale.npy")).toFloatArray()[0];
            assertEquals(expected, scales[s], 1e-6 * expected, "scale of segment " + s);
        }
        assertArrayEquals(new float[] {150, 9}, tokens.sideInfo().get(SegmentedTokenLayout.SEGMENT_FRAMES)[0]);

        AudioBuffer decoded = tokenizer.decode(tokens);
        Tensor exp = NpyFile.read(dir.resolve("decoded_bw6.npy"));
        assertEquals(47520 + 9 * 320, decoded.frames());
        assertEquals(exp.shape()[1], decoded.frames());
        float[] expFlat = exp.toFloatArray();
        int len = decoded.frames();
        for (int ch = 0; ch < 2; ch++) {
            double diff = maxAbsDiff(Arrays.copyOfRange(expFlat, ch * len, (ch + 1) * len), decoded.channel(ch));
            assertTrue(diff < 2e-5, "decoded channel " + ch + " max |diff| " + diff);
        }
    }

    /** The layout reproduces EncodecModel's segments exactly, including a 149 + 1 split, for the round trip too. */
    @Test
    void roundTripEqualsTheModelsEncodeDecode() {
        Encodec48kTokenizer t = (Encodec48kTokenizer) tokenizer;
        EncodecModel model = t.model();
        int n = 47600;
        AudioBuffer audio = TokenizerFixtures.speechLike(tokenizer.spec(), n, 3);
        float[][] planar = {audio.channel(0), audio.channel(1)};
        List<EncodedFrame> segments = model.encode(planar, 8);
        TokenMatrix tokens = tokenizer.encode(audio);
        assertArrayEquals(new float[] {149, 1}, tokens.sideInfo().get(SegmentedTokenLayout.SEGMENT_FRAMES)[0]);
        int[][] codes = tokens.itemCodes(0);
        for (int l = 0; l < 8; l++) {
            assertArrayEquals(segments.get(0).codes()[l], Arrays.copyOf(codes[l], 149), "segment 0 layer " + l);
            assertArrayEquals(segments.get(1).codes()[l], Arrays.copyOfRange(codes[l], 149, 150), "segment 1");
        }
        float[][] expected = model.decode(segments);
        AudioBuffer decoded = tokenizer.decode(tokens);
        assertEquals(47520 + 320, decoded.frames());
        for (int ch = 0; ch < 2; ch++) {
            assertArrayEquals(expected[ch], decoded.channel(ch), "channel " + ch);
        }
        // decoding fewer layers: the first codebook only, as the model decodes it
        List<EncodedFrame> first = segments.stream()
                .map(f -> new EncodedFrame(new int[][] {f.codes()[0]}, f.scale())).toList();
        assertArrayEquals(model.decode(first)[1], tokenizer.decode(tokens.layers(0, 1)).channel(1));
    }

    /** Segment frame counts and decoded lengths of the official geometry, worked out by hand. */
    @Test
    void segmentFramesFollowTheOfficialSegmentation() {
        EncodecConfig c = EncodecConfig.encodec48khz();
        assertArrayEquals(new int[] {1}, SegmentedTokenLayout.segmentFrames(c, 1));
        assertArrayEquals(new int[] {149}, SegmentedTokenLayout.segmentFrames(c, 47520));
        assertArrayEquals(new int[] {149, 1}, SegmentedTokenLayout.segmentFrames(c, 47521));
        assertArrayEquals(new int[] {149, 1}, SegmentedTokenLayout.segmentFrames(c, 47680));
        assertArrayEquals(new int[] {150, 1}, SegmentedTokenLayout.segmentFrames(c, 47681));
        assertArrayEquals(new int[] {150, 2}, SegmentedTokenLayout.segmentFrames(c, 48000));
        int[] tenSeconds = SegmentedTokenLayout.segmentFrames(c, 480000);
        assertEquals(11, tenSeconds.length, "offsets 0, 47520, ..., 475200");
        assertEquals(10 * 150 + 15, Arrays.stream(tenSeconds).sum(), "last segment 4800 samples = 15 frames");
        assertEquals(480000, SegmentedTokenLayout.decodedLength(c, tenSeconds));
        assertEquals(47520 + 320, SegmentedTokenLayout.decodedLength(c, new int[] {149, 1}));
        assertEquals(48000, SegmentedTokenLayout.decodedLength(c, new int[] {150, 1}),
                "47 681 samples: the official decoder fails, Voxtok ends with the first segment");
        TokenizerSpec spec = Encodec48kTokenizer.spec(c, 6);
        for (int n : new int[] {1, 47520, 47521, 47680, 47681, 48000, 180961, 480000, 480160}) {
            int[] frames = SegmentedTokenLayout.segmentFrames(c, n);
            assertEquals(Arrays.stream(frames).sum(), spec.framesFor(n), n + " samples: spec().framesFor");
            assertEquals(SegmentedTokenLayout.decodedLength(c, frames), spec.decodedSamplesFor(n),
                    n + " samples: spec().decodedSamplesFor");
        }
        assertEquals(1515, spec.framesFor(480000), "10 s: 10 x 150 + 15 frames");
        assertEquals(1516, spec.framesFor(480160), "10 s + 160 samples: the last segment has 16 frames");
        assertEquals(480320, spec.decodedSamplesFor(480160));
    }

    /**
     * Lengths with {@code L mod 47 520} in 161..320 (above one stride), where the official decoder raises an error: the
     * penultimate segment (47 520 + r samples, 150 frames) decodes to 48 000 samples and ends 160 samples after the
     * last one (1 frame). Voxtok decodes them to the end of the penultimate segment, {@code (n - 2) * 47 520 + 48 000}
     * samples, which is what the spec says, and every sample is the official overlap-add rule (weights of the first
     * segment's triangle, summed products over summed weights), recomputed here from the segments decoded alone.
     * The lengths next to the range keep the official length.
     */
    @Test
    void lengthsTheOfficialDecoderFailsOnDecodeToTheFurthestSegmentEnd() {
        EncodecModel model = ((Encodec48kTokenizer) tokenizer).model();
        int[] crashing = {47520 + 161, 47520 + 320, 2 * 47520 + 161, 2 * 47520 + 300};
        for (int n : crashing) {
            int segments = (n + 47519) / 47520;
            AudioBuffer audio = TokenizerFixtures.speechLike(tokenizer.spec(), n, n);
            TokenMatrix tokens = tokenizer.encode(audio);
            float[] counts = tokens.sideInfo().get(SegmentedTokenLayout.SEGMENT_FRAMES)[0];
            assertEquals(150, counts[segments - 2], n + ": penultimate segment frames");
            assertEquals(1, counts[segments - 1], n + ": last segment frames");
            int official = 47520 * (segments - 1) + 320;
            int furthest = 47520 * (segments - 2) + 48000;
            assertEquals(official + 160, furthest);
            assertEquals(furthest, tokenizer.spec().decodedSamplesFor(n), n + ": spec().decodedSamplesFor");
            AudioBuffer decoded = tokenizer.decode(tokens);
            assertEquals(furthest, decoded.frames(), n + ": decoded length");
            if (segments == 2) {
                float[][] expected = overlapAddOfSegmentsDecodedAlone(model, tokens, counts);
                for (int ch = 0; ch < 2; ch++) {
                    double diff = maxAbsDiff(expected[ch], decoded.channel(ch));
                    assertTrue(diff < 1e-6, n + ": channel " + ch + " max |diff| " + diff);
                }
            }
        }
        for (int n : new int[] {47520 + 160, 47520 + 321, 2 * 47520 + 160}) {
            int segments = (n + 47519) / 47520;
            int official = 47520 * (segments - 1) + 320 * ((n - 47520 * (segments - 1) + 319) / 320);
            assertEquals(official, tokenizer.spec().decodedSamplesFor(n), n + ": spec().decodedSamplesFor");
            AudioBuffer decoded = tokenizer.decode(tokenizer.encode(TokenizerFixtures.speechLike(tokenizer.spec(),
                    n, n)));
            assertEquals(official, decoded.frames(), n + ": the official decoded length");
        }
    }

    /** The official overlap-add written out in double precision for a two-segment item. */
    private static float[][] overlapAddOfSegmentsDecodedAlone(EncodecModel model, TokenMatrix tokens, float[] counts) {
        int[][] codes = tokens.itemCodes(0);
        float[] scales = tokens.sideInfo().get(SegmentedTokenLayout.SCALE)[0];
        List<float[][]> alone = new java.util.ArrayList<>();
        int at = 0;
        for (int s = 0; s < counts.length; s++) {
            int[][] block = new int[codes.length][];
            for (int l = 0; l < codes.length; l++) {
                block[l] = Arrays.copyOfRange(codes[l], at, at + (int) counts[s]);
            }
            alone.add(model.decode(List.of(new EncodedFrame(block, scales[s]))));
            at += (int) counts[s];
        }
        int first = alone.get(0)[0].length;
        int total = 0;
        for (int s = 0; s < alone.size(); s++) {
            total = Math.max(total, 47520 * s + alone.get(s)[0].length);
        }
        float[][] out = new float[2][total];
        for (int ch = 0; ch < 2; ch++) {
            double[] sum = new double[total];
            double[] weight = new double[total];
            for (int s = 0; s < alone.size(); s++) {
                float[] f = alone.get(s)[ch];
                for (int i = 0; i < f.length; i++) {
                    double t = (i + 1) / (double) (first + 1);
                    double w = 0.5 - Math.abs(t - 0.5);
                    sum[47520 * s + i] += w * f[i];
                    weight[47520 * s + i] += w;
                }
            }
            for (int i = 0; i < total; i++) {
                out[ch][i] = (float) (sum[i] / weight[i]);
            }
        }
        return out;
    }

    @Test
    void batchItemsEqualEncodingAlone() {
        AudioBuffer a = TokenizerFixtures.speechLike(tokenizer.spec(), 48100, 5);
        AudioBuffer b = TokenizerFixtures.speechLike(tokenizer.spec(), 1000, 6);
        TokenMatrix batch = tokenizer.encodeBatch(List.of(a, b), LayerRange.first(8));
        TokenMatrix aloneA = tokenizer.encode(a);
        TokenMatrix aloneB = tokenizer.encode(b);
        assertEquals(152, batch.validFrames(0));
        assertEquals(4, batch.validFrames(1));
        assertEquals(aloneA, batch.item(0));
        assertEquals(aloneB, batch.item(1));
        List<AudioBuffer> decoded = tokenizer.decodeBatch(batch);
        assertArrayEquals(tokenizer.decode(aloneA).toArray(), decoded.get(0).toArray());
        assertArrayEquals(tokenizer.decode(aloneB).toArray(), decoded.get(1).toArray());
        assertEquals(47520 + 2 * 320, decoded.get(0).frames());
        assertEquals(4 * 320, decoded.get(1).frames());
    }

    @Test
    void badTokensAndAudioAreRefused() {
        TokenMatrix tokens = tokenizer.encode(TokenizerFixtures.speechLike(tokenizer.spec(), 2000, 7));
        TokenMatrix bare = TokenMatrix.of(tokens.toArray(), tokens.layers(), 1, tokens.frames(), 0,
                tokens.codebookSize(), tokens.frameRate(), tokens.validFrames(), tokens.producer());
        assertUserInput(() -> tokenizer.decode(bare), "'scale'");
        assertUserInput(() -> tokenizer.decode(bare.withSideInfo(SegmentedTokenLayout.SCALE, new float[][] {{1f}})),
                "'segment_frames'");
        assertUserInput(() -> tokenizer.decode(tokens.withSideInfo(SegmentedTokenLayout.SEGMENT_FRAMES,
                new float[][] {{3}})), "adds up to 3 frames");
        assertUserInput(() -> tokenizer.decode(tokens.withSideInfo(SegmentedTokenLayout.SCALE,
                new float[][] {{1f, 2f}})), "one value per segment");
        assertUserInput(() -> tokenizer.decode(tokens.withSideInfo(SegmentedTokenLayout.SCALE,
                new float[][] {{-1f}})), "positive");
        TokenMatrix two = tokenizer.encode(TokenizerFixtures.speechLike(tokenizer.spec(), 47520 + 2000, 8));
        assertUserInput(() -> tokenizer.decode(two.withSideInfo(SegmentedTokenLayout.SEGMENT_FRAMES,
                new float[][] {{7, 150}})), "longer than the first");
        try (Tokenizer t24 = new EncodecTokenizerFactory().create(ComponentConfig.ofModel(EncodecFixture.dir()),
                new TestComponentContext())) {
            TokenMatrix other = t24.encode(AudioBuffer.ofMono(new float[2400], 24000));
            assertUserInput(() -> tokenizer.decode(other), "encodec:24khz");
        }
        assertUserInput(() -> tokenizer.encode(AudioBuffer.ofMono(new float[4800], 48000)), "2 channels");
        assertUserInput(() -> tokenizer.encode(AudioBuffer.ofPlanar(new float[2][4800], 24000)), "sample rate");
        float[][] nan = new float[2][4800];
        nan[1][17] = Float.NaN;
        assertUserInput(() -> tokenizer.encode(AudioBuffer.ofPlanar(nan, 48000)), "NaN");
        assertUserInput(() -> tokenizer.encode(AudioBuffer.ofPlanar(new float[2][0], 48000)), "empty");
    }

    private static void assertUserInput(org.junit.jupiter.api.function.Executable action, String mentions) {
        VoxtokException e = assertThrows(VoxtokException.class, action);
        assertEquals(ErrorKind.USER_INPUT, e.kind(), e.getMessage());
        assertTrue(e.getMessage().contains(mentions), "message should mention " + mentions + ": " + e.getMessage());
    }

    private static Path resource(String name) {
        try {
            return Path.of(Encodec48kTokenizerTest.class.getResource("/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new AssertionError(e);
        }
    }
}
