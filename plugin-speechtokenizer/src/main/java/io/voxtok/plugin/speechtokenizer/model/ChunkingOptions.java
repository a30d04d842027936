package io.voxtok.plugin.speechtokenizer.model;

/**
 * Chunked encoding of long audio in bounded memory: the signal is cut into windows of {@code windowSeconds}
 * that overlap by {@code contextSeconds} on each side; each window is encoded alone (exact mode) and only the
 * codes of its centre are kept. Window starts are frame aligned, so centre frames line up with whole-file
 * frames; codes near a centre's edge can still differ from whole-file encoding because the BiLSTM and the
 * convolutions see only the window's context.
 *
 * @param windowSeconds   window length, including both contexts
 * @param contextSeconds  context on each side of a centre, {@code < windowSeconds / 2}
 * @param windowsPerBatch windows encoded together (their LSTMs run as one batch, the convolutions window by
 *                        window; memory grows with it, and on 2 CPU cores it gave no measurable speed-up)
 */
public record ChunkingOptions(double windowSeconds, double contextSeconds, int windowsPerBatch) {
    /** Validates. */
    public ChunkingOptions {
        if (!(windowSeconds > 0) || !(contextSeconds >= 0) || !(2 * contextSeconds < windowSeconds)) {
            throw new IllegalArgumentException("need window > 2 * context >= 0, got window " + windowSeconds
                    + " s and context " + contextSeconds + " s");
        }
        if (windowsPerBatch < 1) {
            throw new IllegalArgumentException("windowsPerBatch must be >= 1, got " + windowsPerBatch);
        }
    }

    /** 10 s windows with 1 s context on each side (8 s centres), one window at a time. */
    public static ChunkingOptions defaults() {
        return new ChunkingOptions(10.0, 1.0, 1);
    }
}
