package io.voxtok.training.data;

import java.util.List;

/**
 * One training batch as plain Java arrays; the trainer turns them into tensors on its own thread (DJL/PyTorch
 * gradient mode is per thread, so loader threads never touch the engine).
 *
 * @param position      where this batch was drawn (the position <em>of</em> this batch)
 * @param ids           item ids, one per row
 * @param audio         {@code [B][segment]} mono crops, zero-padded after {@code lengths[b]} samples
 * @param lengths       samples of real audio per row ({@code < segment} only for clips shorter than the segment)
 * @param cropStarts    first sample of each crop within its clip
 * @param features      {@code [B][segmentFrames][D]} teacher features, zero-padded after {@code featureFrames[b]}
 *                      rows, or {@code null} for a corpus without features
 * @param featureFrames real feature rows per row of {@code features} ({@code null} without features)
 */
public record Batch(SamplerPosition position, List<String> ids, float[][] audio, int[] lengths, int[] cropStarts,
                    float[][][] features, int[] featureFrames) {
    /** Copies the id list (the arrays are taken as they are: batches are handed over, not shared). */
    public Batch {
        ids = List.copyOf(ids);
    }

    /** Rows in the batch. */
    public int size() {
        return audio.length;
    }

    /** Whether teacher features are present. */
    public boolean hasFeatures() {
        return features != null;
    }

    /** The audio row-major in one array, {@code B * segment} values, ready for {@code NDManager.create(float[], Shape)}. */
    public float[] flatAudio() {
        int seg = audio.length == 0 ? 0 : audio[0].length;
        float[] out = new float[audio.length * seg];
        for (int b = 0; b < audio.length; b++) {
            System.arraycopy(audio[b], 0, out, b * seg, seg);
        }
        return out;
    }

    /** The features row-major in one array, {@code B * segmentFrames * D} values. */
    public float[] flatFeatures() {
        if (features == null) {
            throw new IllegalStateException("this batch has no teacher features");
        }
        int t = features[0].length;
        int d = t == 0 ? 0 : features[0][0].length;
        float[] out = new float[features.length * t * d];
        int o = 0;
        for (float[][] row : features) {
            for (float[] frame : row) {
                System.arraycopy(frame, 0, out, o, d);
                o += d;
            }
        }
        return out;
    }
}
