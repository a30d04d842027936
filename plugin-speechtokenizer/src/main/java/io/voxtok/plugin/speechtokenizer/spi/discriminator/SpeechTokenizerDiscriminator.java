package io.voxtok.plugin.speechtokenizer.spi.discriminator;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.voxtok.api.ComponentId;
import io.voxtok.api.VoxtokException;
import io.voxtok.api.audio.AudioBuffer;
import io.voxtok.api.discriminator.Discriminator;
import io.voxtok.api.discriminator.DiscriminatorScores;
import io.voxtok.api.discriminator.DiscriminatorSpec;
import io.voxtok.training.DiscriminatorForward;
import io.voxtok.training.discriminator.DiscriminatorFamily;
import java.nio.FloatBuffer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One of the trainer's discriminator families behind the {@link Discriminator} SPI.
 *
 * <p>{@link #score} runs the family in eval mode: weight norm is folded from the stored {@code g}/{@code v},
 * spectral norm (MSD sub 0) divides by {@code u . (W v)} with the stored vectors and runs no power iteration, and the
 * weights do not require gradients, so no autograd graph is recorded and the weights never change. For the
 * weight-normed and plain families (MPD, MS-STFT, MSD subs 1-2) eval and training outputs are the same numbers.
 *
 * <p>Input: one mono item at {@link DiscriminatorKind#SAMPLE_RATE}. {@link AudioBuffer} holds a single item (its
 * channels are channels of that item, not batch items), so the scores are the flattened logits {@code (N_i)} of
 * that item per sub-discriminator, named as the trainer names them ({@code mpd/p2}, {@code msd/s0},
 * {@code mstftd/n1024}). Other rates and multi-channel audio are refused rather than converted, as the tokenizer
 * does: a discriminator judges the exact waveform it is given.
 *
 * <p>Thread safety: the training families are not thread-safe (the STFT discriminator caches its DFT basis, spectral
 * norm state is mutable), so concurrent {@link #score} calls are serialised by a lock; {@link #close()} takes the
 * same lock and so waits for a running call.
 */
public final class SpeechTokenizerDiscriminator implements Discriminator {
    private final DiscriminatorKind kind;
    private final NDManager root;
    private final DiscriminatorFamily family;
    private final DiscriminatorSpec spec;
    private final int minSamples;
    private final String source;
    private final ReentrantLock lock = new ReentrantLock();
    private boolean closed;

    /**
     * @param kind       the family
     * @param root       the device manager the family was created under; owned (closed) by this component
     * @param family     the weights; owned (closed) by this component
     * @param minSamples the shortest input the family accepts
     * @param source     where the weights came from, for messages
     */
    SpeechTokenizerDiscriminator(DiscriminatorKind kind, NDManager root, DiscriminatorFamily family, int minSamples,
                                 String source) {
        this.kind = kind;
        this.root = root;
        this.family = family;
        this.minSamples = minSamples;
        this.source = source;
        this.spec = new DiscriminatorSpec(DiscriminatorKind.SAMPLE_RATE, family.names());
    }

    @Override
    public ComponentId id() {
        return kind.id();
    }

    @Override
    public DiscriminatorSpec spec() {
        return spec;
    }

    /**
     * {@inheritDoc}
     *
     * @throws VoxtokException (USER_INPUT) for another sample rate, more than one channel, fewer samples than the
     *                         family needs, or a non-finite sample
     */
    @Override
    public DiscriminatorScores score(AudioBuffer audio) {
        checkAudio(audio);
        lock.lock();
        try {
            if (closed) {
                throw new IllegalStateException(kind.family() + " discriminator is closed");
            }
            try (NDManager m = root.newSubManager()) {
                NDArray x = m.create(audio.toArray(), new Shape(1, 1, audio.frames()));
                // forward's outputs (logits and feature maps) live on m and are freed with it
                DiscriminatorForward out = family.forward(x, false);
                List<String> names = family.names();
                Map<String, float[]> logits = new LinkedHashMap<>();
                for (int i = 0; i < names.size(); i++) {
                    logits.put(names.get(i), out.logits().get(i).toFloatArray());
                }
                return new DiscriminatorScores(logits);
            }
        } finally {
            lock.unlock();
        }
    }

    private void checkAudio(AudioBuffer audio) {
        String who = kind.family() + " discriminator";
        if (audio.sampleRate() != spec.sampleRate()) {
            throw VoxtokException.userInput(who + " needs " + spec.sampleRate() + " Hz audio but got "
                    + audio.sampleRate() + " Hz; resample first");
        }
        if (audio.channels() != 1) {
            throw VoxtokException.userInput(who + " needs mono audio but got " + audio.channels()
                    + " channels; downmix first (AudioBuffer.toMono())");
        }
        if (audio.frames() < minSamples) {
            throw VoxtokException.userInput(who + " needs at least " + minSamples + " samples but got "
                    + audio.frames());
        }
        FloatBuffer x = audio.samples();
        for (int i = 0, n = x.remaining(); i < n; i++) {
            if (!Float.isFinite(x.get(i))) {
                throw VoxtokException.userInput("audio has a non-finite sample (NaN or Inf) at index " + i);
            }
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            if (!closed) {
                closed = true;
                try {
                    family.close();
                } finally {
                    root.close();
                }
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public String toString() {
        return kind.family() + " discriminator " + spec.subDiscriminators() + " from " + source;
    }
}
