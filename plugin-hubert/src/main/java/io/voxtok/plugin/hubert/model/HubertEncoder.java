package io.voxtok.plugin.hubert.model;

import io.voxtok.plugin.hubert.config.HubertConfig;
import java.util.List;

/**
 * A runnable HuBERT network on some backend. Input waveforms are already preprocessed (resampled, mono,
 * normalised if the model wants it). Implementations are thread-safe for concurrent {@link #run} calls and own
 * their native resources until {@link #close}.
 */
public interface HubertEncoder extends AutoCloseable {
    /** The architecture. */
    HubertConfig config();

    /**
     * Runs a batch of waveforms of any lengths; item {@code b} gets {@code config().frames(waves.get(b).length)}
     * frames and equals running it alone.
     *
     * @param waves        mono samples per item
     * @param withCnnOutput whether to also return the CNN feature-extractor output (not every backend has it)
     */
    List<HubertHiddenStates> run(List<float[]> waves, boolean withCnnOutput);

    /** Releases native memory or sessions; idempotent. */
    @Override
    void close();
}
