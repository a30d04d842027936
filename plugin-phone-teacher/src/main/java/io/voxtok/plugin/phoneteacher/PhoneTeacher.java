package io.voxtok.plugin.phoneteacher;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.voxtok.api.ComponentId;
import io.voxtok.api.VoxtokException;
import io.voxtok.api.audio.AudioBuffer;
import io.voxtok.api.teacher.FeatureSequence;
import io.voxtok.api.teacher.LayerSelection;
import io.voxtok.api.teacher.Teacher;
import io.voxtok.api.teacher.TeacherSpec;
import io.voxtok.plugin.phoneteacher.model.NetworkOutput;
import io.voxtok.plugin.phoneteacher.model.PhoneTeacherConfig;
import io.voxtok.plugin.phoneteacher.model.PhoneTeacherNetwork;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The phone classifier as a {@link Teacher}: 16 kHz audio in, the output of a convolution block out, 256 wide, at
 * 50 frames per second. {@code L} samples give {@code floor(L / 320)} frames, frame {@code t} describing samples
 * {@code [320 t, 320 t + 320)}, so every crop of the SpeechTokenizer trainer maps onto whole cached frames (inputs
 * under 320 samples give no frames). Hidden state {@code n} ({@link LayerSelection.Single}) is the output of
 * convolution block {@code n}, {@code 0 .. numLayers - 1}; {@link LayerSelection.Average} is the mean of all
 * blocks. For distillation use the last block ({@code --layer 2} for the default 3 blocks; see
 * {@link PhoneTeacherNetwork}). Thread-safe: each call works in its own native memory scope, freed before it
 * returns; owns its weights until {@link #close}.
 */
public final class PhoneTeacher implements Teacher {
    private final ComponentId id;
    private final PhoneTeacherNetwork network;
    private final NDManager weights;
    private final TeacherSpec spec;
    private final AtomicBoolean closed = new AtomicBoolean();

    /**
     * @param id      the component id
     * @param network the loaded network (frozen for inference)
     * @param weights the manager holding the network's weights (owned from now on)
     */
    public PhoneTeacher(ComponentId id, PhoneTeacherNetwork network, NDManager weights) {
        this.id = Objects.requireNonNull(id);
        this.network = Objects.requireNonNull(network);
        this.weights = Objects.requireNonNull(weights);
        PhoneTeacherConfig c = network.config();
        this.spec = new TeacherSpec(c.sampleRate(), c.featureDim(), c.frameRate(), c.numLayers());
    }

    @Override
    public ComponentId id() {
        return id;
    }

    @Override
    public TeacherSpec spec() {
        return spec;
    }

    /** The architecture and phone inventory. */
    public PhoneTeacherConfig config() {
        return network.config();
    }

    /** {@inheritDoc} Multi-channel audio is averaged to mono first. */
    @Override
    public FeatureSequence represent(AudioBuffer audio, LayerSelection layers) {
        if (closed.get()) {
            throw new IllegalStateException(id + " is closed");
        }
        PhoneTeacherConfig c = network.config();
        if (audio.sampleRate() != c.sampleRate()) {
            throw VoxtokException.userInput(id + " needs " + c.sampleRate() + " Hz audio, got " + audio.sampleRate()
                    + " Hz: resample first");
        }
        if (audio.hasNonFinite()) {
            throw VoxtokException.userInput(id + ": the audio contains NaN or infinite samples");
        }
        if (layers instanceof LayerSelection.Single s && s.layer() >= c.numLayers()) {
            throw VoxtokException.userInput("layer " + s.layer() + " does not exist: " + id + " has hidden states 0.."
                    + (c.numLayers() - 1) + " (n = output of convolution block n; " + c.recommendedLayer()
                    + " is recommended for distillation)");
        }
        float[] wave = audio.toMono().channel(0);
        int frames = c.frames(wave.length);
        if (frames == 0) {
            return FeatureSequence.of(new float[0], 0, c.featureDim(), c.frameRate());
        }
        try (NDManager call = weights.newSubManager()) {
            NDArray x = call.create(wave, new Shape(1, 1, wave.length));
            NetworkOutput out = network.run(x, false);
            List<NDArray> hidden = out.hidden();
            NDArray selected;
            if (layers instanceof LayerSelection.Single s) {
                selected = hidden.get(s.layer());
            } else {
                selected = hidden.get(0);
                for (int i = 1; i < hidden.size(); i++) {
                    selected = selected.add(hidden.get(i));
                }
                selected = selected.div(hidden.size());
            }
            // (1, C, T) -> (T, C), row-major frames as the feature cache stores them
            float[] rows = selected.get(0).transpose(1, 0).toFloatArray();
            return FeatureSequence.of(rows, frames, c.featureDim(), c.frameRate());
        }
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            weights.close();
        }
    }
}
