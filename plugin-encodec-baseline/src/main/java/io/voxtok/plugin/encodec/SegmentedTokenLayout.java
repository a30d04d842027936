package io.voxtok.plugin.encodec;

import io.voxtok.api.VoxtokException;
import io.voxtok.api.token.Segmentation;
import io.voxtok.plugin.encodec.model.EncodecConfig;
import io.voxtok.plugin.encodec.model.EncodedFrame;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * How the per-segment output of a segmented EnCodec model (48 kHz, SPEC 4.4) is laid out in one token sequence,
 * and back.
 *
 * <p><b>Layout.</b> The official {@code encode(x)} of {@code L} samples returns one {@code (codes, scale)} block per
 * segment: segment {@code k} (for {@code k = 0 .. ceil(L / stride) - 1}) starts at sample {@code k * stride}
 * ({@code stride = 47 520}), holds {@code min(L, k * stride + segment) - k * stride} samples ({@code segment =
 * 48 000}) and has {@code ceil(len_k / hop)} frames ({@code hop = 320}). The token frames of an item are these
 * blocks concatenated in segment order (so an item has {@code sum_k ceil(len_k / hop)} frames, more than
 * {@code ceil(L / hop)} once there are two segments: every overlap of 480 samples is coded twice). Two side
 * channels, one value per segment, go with them:
 * <ul>
 *   <li>{@value #SCALE}: the segment's loudness scale (float32, as the official bitstream);</li>
 *   <li>{@value #SEGMENT_FRAMES}: the segment's frame count (an integer stored as a float), which splits the
 *       frames back into segments.</li>
 * </ul>
 * For the official geometry the counts are 150 per segment except the last, which has 1..149; when the frame total
 * is a multiple of 150 the last two are 149 and 1 (audio of {@code k * 47 520 + 1 .. k * 47 520 + 160} samples).
 *
 * <p>This is the SPI's {@link Segmentation} with windows of {@code segment} samples every {@code stride}, which the
 * tokenizer declares in its spec, so {@code spec().framesFor(L)} is the frame count above.
 *
 * <p><b>Decoded length.</b> The official {@code decode(frames)} (no trimming): {@code (n - 1) * stride +
 * frames_last * hop} samples for {@code n} segments, which is in {@code [L, L + hop)}; for a single segment it is
 * {@code frames * hop}. For {@code L mod 47 520} in 161..320 ({@code L > 47 520}) the official code fails (the
 * penultimate segment decodes to 48 000 samples and ends 160 samples after the last one); Voxtok returns
 * {@code (n - 2) * stride + 48 000} samples there, the end of the furthest-reaching segment, which is the SPI's rule
 * ({@link Segmentation#decodedLength(int[], int)}) and equals the official length everywhere else.
 *
 * <p>Stateless and thread-safe.
 */
public final class SegmentedTokenLayout {
    /** Side channel of the per-segment loudness scales. */
    public static final String SCALE = "scale";
    /** Side channel of the per-segment frame counts. */
    public static final String SEGMENT_FRAMES = "segment_frames";

    private SegmentedTokenLayout() {
    }

    /** The segmentation of a segmented model as the SPI describes it: its segment length and stride. */
    public static Segmentation segmentation(EncodecConfig config) {
        if (!config.segmented()) {
            throw new IllegalArgumentException(config.name() + " is not segmented");
        }
        return new Segmentation(config.segmentLength(), config.segmentStride());
    }

    /** Frames of each segment of a {@code length}-sample signal, by the official segmentation of {@code config}. */
    public static int[] segmentFrames(EncodecConfig config, int length) {
        return segmentation(config).windowFrames(length, config.hopLength());
    }

    /**
     * Samples {@code decode} returns for segments of these frame counts: the end of the furthest-reaching segment,
     * which is the official {@code (n - 1) * stride + last * hop} wherever the official code returns a result.
     */
    public static long decodedLength(EncodecConfig config, int[] segmentFrames) {
        return segmentation(config).decodedLength(segmentFrames, config.hopLength());
    }

    /**
     * One item's segments as token codes {@code [codebook][frame]} (blocks concatenated).
     *
     * @param segments the model's output for one item, every segment with a scale
     */
    public static int[][] concatenate(List<EncodedFrame> segments) {
        int k = segments.get(0).codebooks();
        int total = segments.stream().mapToInt(EncodedFrame::frames).sum();
        int[][] out = new int[k][total];
        int at = 0;
        for (EncodedFrame f : segments) {
            for (int l = 0; l < k; l++) {
                System.arraycopy(f.codes()[l], 0, out[l], at, f.frames());
            }
            at += f.frames();
        }
        return out;
    }

    /** The {@value #SCALE} side values of one item's segments. */
    public static float[] scales(List<EncodedFrame> segments) {
        float[] out = new float[segments.size()];
        for (int i = 0; i < out.length; i++) {
            Float s = segments.get(i).scale();
            if (s == null) {
                throw new IllegalStateException("segment " + i + " has no scale: the model does not normalise");
            }
            out[i] = s;
        }
        return out;
    }

    /** The {@value #SEGMENT_FRAMES} side values of one item's segments. */
    public static float[] frameCounts(List<EncodedFrame> segments) {
        float[] out = new float[segments.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = segments.get(i).frames();
        }
        return out;
    }

    /**
     * Splits one item's codes back into the segments the model decodes, checking the side information.
     *
     * @param config        the model's configuration (segment length and hop bound a segment's frames)
     * @param codes         {@code [codebook][frame]}, the item's valid frames
     * @param scales        the item's {@value #SCALE} values
     * @param segmentFrames the item's {@value #SEGMENT_FRAMES} values
     * @param what          names the item in error messages
     * @throws VoxtokException (USER_INPUT) when the side information does not describe the codes
     */
    public static List<EncodedFrame> split(EncodecConfig config, int[][] codes, float[] scales, float[] segmentFrames,
                                           String what) {
        int total = codes.length == 0 ? 0 : codes[0].length;
        if (scales.length != segmentFrames.length) {
            throw VoxtokException.userInput(what + ": side information '" + SCALE + "' has " + scales.length
                    + " value(s) but '" + SEGMENT_FRAMES + "' " + segmentFrames.length
                    + "; both need one value per segment");
        }
        int maxFrames = (config.segmentLength() + config.hopLength() - 1) / config.hopLength();
        long sum = 0;
        int[] counts = new int[segmentFrames.length];
        for (int i = 0; i < counts.length; i++) {
            float v = segmentFrames[i];
            if (v != Math.rint(v) || v < 1 || v > maxFrames) {
                throw VoxtokException.userInput(what + ": '" + SEGMENT_FRAMES + "' value " + v + " of segment " + i
                        + " is not a frame count in [1, " + maxFrames + "]");
            }
            if (!(scales[i] > 0)) {
                throw VoxtokException.userInput(what + ": '" + SCALE + "' value " + scales[i] + " of segment " + i
                        + " is not a positive loudness scale");
            }
            counts[i] = (int) v;
            if (i > 0 && counts[i] > counts[0]) {
                // the overlap-add weights every segment with the head of the first one's window
                throw VoxtokException.userInput(what + ": '" + SEGMENT_FRAMES + "' " + Arrays.toString(counts)
                        + " has a segment longer than the first; segments after the first never are");
            }
            sum += counts[i];
        }
        if (sum != total) {
            throw VoxtokException.userInput(what + ": '" + SEGMENT_FRAMES + "' " + Arrays.toString(counts)
                    + " adds up to " + sum + " frames but the tokens hold " + total);
        }
        List<EncodedFrame> out = new ArrayList<>(counts.length);
        int at = 0;
        for (int i = 0; i < counts.length; i++) {
            int[][] block = new int[codes.length][];
            for (int l = 0; l < codes.length; l++) {
                block[l] = Arrays.copyOfRange(codes[l], at, at + counts[i]);
            }
            out.add(new EncodedFrame(block, scales[i]));
            at += counts[i];
        }
        return out;
    }
}
