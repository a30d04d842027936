package io.voxtok.plugin.speakerencoder;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.voxtok.api.ComponentId;
import io.voxtok.api.VoxtokException;
import io.voxtok.api.speaker.SpeakerEncoder;
import io.voxtok.api.speaker.SpeakerEncoderSpec;
import io.voxtok.plugin.speakerencoder.model.SpeakerEncoderNetwork;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The x-vector trained by Voxtok as a {@link SpeakerEncoder}: 16 kHz audio of at least {@code n_fft} samples in,
 * the {@code embedding_dim}-long x-vector out. Thread-safe: each call works in its own native memory scope, freed
 * before it returns; owns its weights until {@link #close}.
 */
public final class TrainedSpeakerEncoder implements SpeakerEncoder {
    private final ComponentId id;
    private final SpeakerEncoderNetwork network;
    private final NDManager weights;
    private final SpeakerEncoderSpec spec;
    private final AtomicBoolean closed = new AtomicBoolean();

    /**
     * @param id          the component id
     * @param network     the loaded network (frozen for inference)
     * @param weights     the manager holding the network's weights (owned from now on)
     * @param description where the weights came from
     */
    public TrainedSpeakerEncoder(ComponentId id, SpeakerEncoderNetwork network, NDManager weights, String description) {
        this.id = Objects.requireNonNull(id);
        this.network = Objects.requireNonNull(network);
        this.weights = Objects.requireNonNull(weights);
        this.spec = new SpeakerEncoderSpec(network.config().sampleRate(), network.config().embeddingDim(), description);
    }

    @Override
    public ComponentId id() {
        return id;
    }

    @Override
    public SpeakerEncoderSpec spec() {
        return spec;
    }

    @Override
    public float[] embed(float[] samples) {
        if (closed.get()) {
            throw new IllegalStateException(id + " is closed");
        }
        if (samples.length < network.minSamples()) {
            throw VoxtokException.userInput(id + ": audio of " + samples.length + " samples is too short; need at least "
                    + network.minSamples() + " (" + network.minSamples() * 1000 / spec.sampleRate() + " ms)");
        }
        try (NDManager m = weights.newSubManager()) {
            return network.embed(m.create(samples, new Shape(1, 1, samples.length)), null, false, 0f).toFloatArray();
        }
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            weights.close();
        }
    }
}
