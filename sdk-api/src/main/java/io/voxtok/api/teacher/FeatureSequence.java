package io.voxtok.api.teacher;

import java.nio.FloatBuffer;

/**
 * Continuous features of one utterance: {@code frames x dim} float32, row-major, at {@code frameRate} frames
 * per second. Immutable (copied in, copied or viewed read-only out).
 */
public final class FeatureSequence {
    private final float[] data;
    private final int frames;
    private final int dim;
    private final double frameRate;

    private FeatureSequence(float[] data, int frames, int dim, double frameRate) {
        if (frames < 0 || dim <= 0 || (long) frames * dim != data.length || !(frameRate > 0)) {
            throw new IllegalArgumentException("bad feature sequence " + frames + "x" + dim);
        }
        this.data = data;
        this.frames = frames;
        this.dim = dim;
        this.frameRate = frameRate;
    }

    /** Features from row-major data (copied). */
    public static FeatureSequence of(float[] rowMajor, int frames, int dim, double frameRate) {
        return new FeatureSequence(rowMajor.clone(), frames, dim, frameRate);
    }

    /** Number of frames. */
    public int frames() {
        return frames;
    }

    /** Feature dimension. */
    public int dim() {
        return dim;
    }

    /** Frames per second. */
    public double frameRate() {
        return frameRate;
    }

    /** Read-only row-major view. */
    public FloatBuffer data() {
        return FloatBuffer.wrap(data).asReadOnlyBuffer();
    }

    /** Copy of row-major data. */
    public float[] toArray() {
        return data.clone();
    }

    /** One value. */
    public float get(int frame, int d) {
        return data[frame * dim + d];
    }
}
