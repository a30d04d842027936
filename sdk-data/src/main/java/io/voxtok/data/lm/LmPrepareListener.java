package io.voxtok.data.lm;

/** Progress of {@link LmTokenCacheBuilder}, for a progress bar with an ETA. Called on the building thread. */
public interface LmPrepareListener {
    /** A listener that ignores everything. */
    LmPrepareListener NONE = new LmPrepareListener() {
    };

    /** The text pass (phonemization) finished; {@code items} utterances are to be encoded in total. */
    default void phonemized(int items) {
    }

    /** {@code done} of {@code total} utterances are encoded; {@code skipped} of them were already on disk. */
    default void encoded(int done, int total, int skipped, String lastId) {
    }
}
