package io.voxtok.plugin.encodec;

import static io.voxtok.plugin.encodec.EncodecFixture.maxAbsDiff;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.voxtok.api.ComponentConfig;
import io.voxtok.api.audio.AudioBuffer;
import io.voxtok.api.token.TokenMatrix;
import io.voxtok.api.token.Tokenizer;
import io.voxtok.api.token.TokenizerSpec;
import io.voxtok.testkit.TestComponentContext;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code encodec:48khz} against the official code on every case of the shared 48 kHz fixture (full-size model,
 * random weights): the spec's {@code framesFor} and {@code decodedSamplesFor} equal the official frame count and
 * decoded length, the tokens hold the official segments (frame counts, scales, codes at 3, 6, 12 and 24 kbps, with the
 * manifest's fragile-position rule), and decoding the official codes and scales gives the official audio within the
 * manifest's tolerance. Clip 3 is the 3.77 s example: 571 frames (not {@code ceil(L / 320)} = 566) that
 * decode to 181 280 samples (not 571 x 320 = 182 720).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class Encodec48kOfficialFixtureTest {
    private Tokenizer tokenizer;

    @BeforeAll
    void open() {
        tokenizer = new EncodecTokenizerFactory(EncodecVariant.STEREO_48KHZ).create(
                ComponentConfig.ofModel(OfficialEncodec48Fixture.dir()).with("bandwidth", "24"),
                new TestComponentContext());
    }

    @AfterAll
    void close() {
        tokenizer.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"clip1", "clip2", "clip3", "edge"})
    void lengthsLayoutCodesAndAudioAreTheOfficialOnes(String name) {
        Map<String, Object> c = OfficialEncodec48Fixture.fixtureCase(name);
        int samples = OfficialEncodec48Fixture.intOf(c, "samples");
        int decodedLength = OfficialEncodec48Fixture.intOf(c, "decoded_length");
        int[] segmentFrames = OfficialEncodec48Fixture.segmentFrames(name);
        int frames = Arrays.stream(segmentFrames).sum();
        TokenizerSpec spec = tokenizer.spec();
        assertEquals(frames, spec.framesFor(samples), name + ": spec().framesFor(" + samples + ")");
        assertEquals(decodedLength, spec.decodedSamplesFor(samples), name + ": spec().decodedSamplesFor(" + samples + ")");

        String wav = name.equals("edge") ? "clip3_48k.wav" : name + "_48k.wav";
        AudioBuffer audio = AudioBuffer.ofPlanar(OfficialEncodec48Fixture.stereoWav(wav, samples), 48000);
        TokenMatrix tokens = tokenizer.encode(audio);
        assertEquals(frames, tokens.frames(), name + ": frames of the tokens");
        float[] counts = tokens.sideInfo().get(SegmentedTokenLayout.SEGMENT_FRAMES)[0];
        assertArrayEquals(Arrays.stream(segmentFrames).mapToObj(f -> (float) f).toArray(),
                toObjects(counts), name + ": frames per segment");
        float[] scales = tokens.sideInfo().get(SegmentedTokenLayout.SCALE)[0];
        float[] expectedScales = OfficialEncodec48Fixture.expected(name + "_scales.npy").toFloatArray();
        double scaleTol = OfficialEncodec48Fixture.atol("expected/" + name + "_scales.npy", "scales");
        assertTrue(maxAbsDiff(expectedScales, scales) <= scaleTol, name + ": scales " + Arrays.toString(scales)
                + " vs " + Arrays.toString(expectedScales));

        int[][] ours = tokens.itemCodes(0);
        for (double bw : OfficialEncodec48Fixture.bandwidths(name)) {
            int[][] official = officialCodes(name, bw, segmentFrames);
            int offset = 0;
            for (int s = 0; s < segmentFrames.length; s++) {
                String file = "expected/" + name + "_codes_bw" + bw + "_seg" + s + ".npy";
                assertCodes(file, official, ours, offset, segmentFrames[s]);
                offset += segmentFrames[s];
            }
            TokenMatrix officialTokens = TokenMatrix.single(official, 0, spec.codebookSize(), spec.frameRate(),
                            tokenizer.producer())
                    .withSideInfo(SegmentedTokenLayout.SCALE, new float[][] {expectedScales})
                    .withSideInfo(SegmentedTokenLayout.SEGMENT_FRAMES, new float[][] {counts});
            AudioBuffer decoded = tokenizer.decode(officialTokens);
            assertEquals(decodedLength, decoded.frames(), name + " at " + bw + " kbps: decoded length");
            String file = "expected/" + name + "_decoded_bw" + bw + ".npy";
            float[] expected = OfficialEncodec48Fixture.expected(name + "_decoded_bw" + bw + ".npy").toFloatArray();
            double tol = OfficialEncodec48Fixture.atol(file, "decoded");
            for (int ch = 0; ch < 2; ch++) {
                double diff = maxAbsDiff(Arrays.copyOfRange(expected, ch * decodedLength, (ch + 1) * decodedLength),
                        decoded.channel(ch));
                assertTrue(diff <= tol, name + " at " + bw + " kbps, channel " + ch + ": max |diff| " + diff
                        + " > " + tol);
            }
        }
    }

    /** The official codes of all segments at one bandwidth, concatenated: {@code [K][frames]}. */
    private static int[][] officialCodes(String name, double bw, int[] segmentFrames) {
        List<long[]> parts = new java.util.ArrayList<>();
        int k = -1;
        for (int s = 0; s < segmentFrames.length; s++) {
            var t = OfficialEncodec48Fixture.expected(name + "_codes_bw" + bw + "_seg" + s + ".npy");
            k = (int) t.shape()[1];
            assertEquals(segmentFrames[s], t.shape()[2], name + " segment " + s + " frames in the fixture");
            parts.add(t.toLongArray());
        }
        int total = Arrays.stream(segmentFrames).sum();
        int[][] out = new int[k][total];
        int offset = 0;
        for (int s = 0; s < segmentFrames.length; s++) {
            for (int l = 0; l < k; l++) {
                for (int j = 0; j < segmentFrames[s]; j++) {
                    out[l][offset + j] = (int) parts.get(s)[l * segmentFrames[s] + j];
                }
            }
            offset += segmentFrames[s];
        }
        return out;
    }

    /**
     * Codes of one segment equal the official ones except where the manifest allows a float32 difference: at a
     * fragile {@code (layer k, frame t)}, layers {@code >= k} of frame {@code t} are free.
     */
    private static void assertCodes(String file, int[][] official, int[][] ours, int offset, int frames) {
        int k = official.length;
        boolean[][] free = new boolean[k][frames];
        for (int[] f : OfficialEncodec48Fixture.fragile(file)) {
            for (int l = f[1]; l < k; l++) {
                free[l][f[2]] = true;
            }
        }
        for (int l = 0; l < k; l++) {
            for (int j = 0; j < frames; j++) {
                if (!free[l][j] && official[l][offset + j] != ours[l][offset + j]) {
                    throw new AssertionError(file + ": layer " + l + " frame " + j + ": official "
                            + official[l][offset + j] + ", ours " + ours[l][offset + j]);
                }
            }
        }
    }

    private static Float[] toObjects(float[] v) {
        Float[] out = new Float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i];
        }
        return out;
    }
}
