package io.voxtok.plugin.speakerencoder.onnx;

import io.voxtok.api.ComponentConfig;
import io.voxtok.api.ComponentContext;
import io.voxtok.api.ComponentId;
import io.voxtok.api.VoxtokException;
import io.voxtok.api.backend.BackendKind;
import io.voxtok.api.speaker.SpeakerEncoder;
import io.voxtok.api.speaker.SpeakerEncoderFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * Creates {@link OnnxSpeakerEncoder}s ({@code onnx-speaker-encoder}). The model is an {@code .onnx} file, or a
 * directory holding {@code model.onnx}; the options are those of {@link OnnxSettings}. Runs on ONNX Runtime's CPU
 * provider whatever the host backend (the session is the encoder's own). Stateless.
 */
public final class OnnxSpeakerEncoderFactory implements SpeakerEncoderFactory {
    /** {@code onnx-speaker-encoder:default}. */
    public static final ComponentId ID = ComponentId.of("onnx-speaker-encoder");

    @Override
    public ComponentId id() {
        return ID;
    }

    @Override
    public String description() {
        return "a user's ONNX speaker encoder (e.g. ECAPA-TDNN), waveform or Kaldi-fbank input, via ONNX Runtime";
    }

    @Override
    public Set<BackendKind> supportedBackends() {
        return Set.of(BackendKind.values());
    }

    @Override
    public SpeakerEncoder create(ComponentConfig config, ComponentContext context) {
        OnnxSettings settings = OnnxSettings.of(config);
        Path model = config.requireModel(ID);
        Path file = Files.isDirectory(model) ? model.resolve("model.onnx") : model;
        if (!Files.isRegularFile(file)) {
            throw VoxtokException.userInput("ONNX speaker encoder " + file + " does not exist");
        }
        return new OnnxSpeakerEncoder(ID, file, settings, Math.max(1, context.backend().intraOpThreads()));
    }
}
