package io.voxtok.api.bench;

/** Receives progress of a long run; called from the running thread. */
@FunctionalInterface
public interface ProgressListener {
    /** {@code done} of {@code total} units finished ({@code total} is -1 when unknown). */
    void onProgress(long done, long total);

    /** A listener that ignores progress. */
    static ProgressListener none() {
        return (d, t) -> { };
    }
}
