package io.voxtok.plugin.hubert;

import io.voxtok.api.ComponentId;
import io.voxtok.api.VoxtokException;
import io.voxtok.api.audio.AudioBuffer;
import io.voxtok.api.teacher.FeatureSequence;
import io.voxtok.api.teacher.LayerSelection;
import io.voxtok.api.teacher.Teacher;
import io.voxtok.api.teacher.TeacherSpec;
import io.voxtok.plugin.hubert.config.HubertConfig;
import io.voxtok.plugin.hubert.model.HubertEncoder;
import io.voxtok.plugin.hubert.model.HubertHiddenStates;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * HuBERT as a {@link Teacher}: audio at the model's sample rate (16 kHz) in, hidden states out at
 * {@code sampleRate / 320} = 50 frames per second, {@code hidden_size} wide (768 for base), {@code L} samples
 * giving {@code floor((L - 400) / 320) + 1} frames. Layer numbers follow the Hugging Face {@code hidden_states}
 * indexing ({@code 0} = embedding output, {@code n} = layer n); {@link LayerSelection.Average} is the mean of all
 * of them (SpeechTokenizer's "avg" target). Thread-safe; owns its encoder until {@link #close}.
 */
public final class HubertTeacher implements Teacher {
    private final ComponentId id;
    private final HubertEncoder encoder;
    private final WaveformPreprocessor preprocessor;
    private final int sampleRate;
    private final TeacherSpec spec;
    private final AtomicBoolean closed = new AtomicBoolean();

    /**
     * @param id           the component id
     * @param encoder      the network (owned from now on)
     * @param preprocessor padding and normalisation of the input
     * @param sampleRate   the model's sample rate in Hz
     */
    public HubertTeacher(ComponentId id, HubertEncoder encoder, WaveformPreprocessor preprocessor, int sampleRate) {
        this.id = Objects.requireNonNull(id);
        this.encoder = Objects.requireNonNull(encoder);
        this.preprocessor = Objects.requireNonNull(preprocessor);
        this.sampleRate = sampleRate;
        HubertConfig cfg = encoder.config();
        this.spec = new TeacherSpec(sampleRate, cfg.hiddenSize(), sampleRate / (double) cfg.hopSamples(),
                cfg.numHiddenLayers() + 1);
    }

    @Override
    public ComponentId id() {
        return id;
    }

    @Override
    public TeacherSpec spec() {
        return spec;
    }

    /** The input preprocessing in use. */
    public WaveformPreprocessor preprocessor() {
        return preprocessor;
    }

    /** {@inheritDoc} Multi-channel audio is averaged to mono first. */
    @Override
    public FeatureSequence represent(AudioBuffer audio, LayerSelection layers) {
        return representBatch(List.of(audio), layers).get(0);
    }

    /**
     * Features of several utterances in one batch (faster on the PyTorch backend); item {@code i} equals
     * {@code represent(audios.get(i), layers)} up to float rounding.
     *
     * @throws VoxtokException USER_INPUT for a wrong sample rate, non-finite samples or a layer out of range
     */
    public List<FeatureSequence> representBatch(List<AudioBuffer> audios, LayerSelection layers) {
        return hiddenStates(audios, false).stream()
                .map(h -> FeatureSequence.of(h.select(checked(layers)), h.frames(), h.dim(), spec.frameRate()))
                .toList();
    }

    /**
     * All hidden states (after the same preprocessing as {@link #represent}).
     *
     * @param withCnnOutput also keep the CNN feature-extractor output (PyTorch backend only)
     */
    public List<HubertHiddenStates> hiddenStates(List<AudioBuffer> audios, boolean withCnnOutput) {
        if (closed.get()) {
            throw new IllegalStateException(id + " is closed");
        }
        List<float[]> waves = new ArrayList<>(audios.size());
        for (AudioBuffer a : audios) {
            if (a.sampleRate() != sampleRate) {
                throw VoxtokException.userInput(id + " needs " + sampleRate + " Hz audio, got " + a.sampleRate()
                        + " Hz: resample first");
            }
            if (a.hasNonFinite()) {
                throw VoxtokException.userInput(id + ": the audio contains NaN or infinite samples");
            }
            waves.add(preprocessor.apply(a.toMono().channel(0)));
        }
        return encoder.run(waves, withCnnOutput);
    }

    private LayerSelection checked(LayerSelection layers) {
        if (layers instanceof LayerSelection.Single s && s.layer() >= spec.numHiddenStates()) {
            throw VoxtokException.userInput("layer " + s.layer() + " does not exist: " + id + " has hidden states 0.."
                    + (spec.numHiddenStates() - 1) + " (0 = embedding output, n = output of layer n)");
        }
        return layers;
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            encoder.close();
        }
    }
}
