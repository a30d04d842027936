package io.voxtok.units;

import io.voxtok.api.VoxtokException;
import io.voxtok.api.teacher.FeatureSequence;

/**
 * Aligns teacher frames to a tokenizer's frames.
 *
 * <p>HuBERT's unpadded conv stack gives {@code floor((L - 400) / 320) + 1} frames for {@code L >= 400}
 * samples, SpeechTokenizer's padded encoder {@code ceil(L / 320)}: usually one frame more. The official
 * SpeechTokenizer trainer compares the first {@code n = min(T, T')} frames only. The rule implemented here
 * keeps that correspondence (frame {@code t} of the teacher stays frame {@code t}) and makes the lengths
 * equal: <b>when the teacher has more frames than the target, the extra frames at the end are dropped; when
 * it has fewer, its last frame is repeated until the target length.</b> Frames {@code 0 .. min(T, T') - 1} are
 * therefore exactly the teacher's, which is all a loss restricted to {@code min(T, T')} frames ever reads.
 */
public final class FrameAligner {
    private static final int[] HUBERT_KERNELS = {10, 3, 3, 3, 3, 2, 2};
    private static final int[] HUBERT_STRIDES = {5, 2, 2, 2, 2, 2, 2};

    private FrameAligner() {
    }

    /**
     * Output length of a stack of unpadded convolutions: {@code L -> floor((L - k) / s) + 1} per layer, 0 once
     * the input is shorter than a kernel.
     */
    public static long convFrames(long samples, int[] kernels, int[] strides) {
        if (kernels.length != strides.length) {
            throw new IllegalArgumentException("kernels and strides differ in length");
        }
        long n = samples;
        for (int i = 0; i < kernels.length; i++) {
            if (n < kernels[i]) {
                return 0;
            }
            n = (n - kernels[i]) / strides[i] + 1;
        }
        return n;
    }

    /** HuBERT base frames for {@code samples} at 16 kHz: {@code floor((L - 400) / 320) + 1}, 0 below 400. */
    public static long hubertFrames(long samples) {
        return convFrames(samples, HUBERT_KERNELS, HUBERT_STRIDES);
    }

    /** SpeechTokenizer frames for {@code samples} at 16 kHz: {@code ceil(L / 320)}. */
    public static long speechTokenizerFrames(long samples) {
        return (samples + 319) / 320;
    }

    /**
     * Truncates or pads (repeating the last frame) {@code features} to {@code targetFrames}; see the class
     * comment for the rule.
     *
     * @throws VoxtokException USER_INPUT when padding is needed but the teacher produced no frame
     */
    public static FeatureSequence align(FeatureSequence features, int targetFrames) {
        if (targetFrames < 0) {
            throw new IllegalArgumentException("target frames must be >= 0");
        }
        int t = features.frames();
        int dim = features.dim();
        if (t == targetFrames) {
            return features;
        }
        if (t == 0) {
            throw VoxtokException.userInput("cannot align an empty teacher feature sequence to " + targetFrames
                    + " frames (the audio is shorter than the teacher's receptive field)");
        }
        float[] src = features.toArray();
        float[] out = new float[targetFrames * dim];
        int copy = Math.min(t, targetFrames);
        System.arraycopy(src, 0, out, 0, copy * dim);
        for (int f = copy; f < targetFrames; f++) {
            System.arraycopy(src, (t - 1) * dim, out, f * dim, dim);
        }
        return FeatureSequence.of(out, targetFrames, dim, features.frameRate());
    }
}
