package io.voxtok.plugin.speakerencoder;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import io.voxtok.api.ComponentConfig;
import io.voxtok.api.ComponentContext;
import io.voxtok.api.ComponentId;
import io.voxtok.api.VoxtokException;
import io.voxtok.api.backend.BackendKind;
import io.voxtok.api.backend.BackendSpec;
import io.voxtok.api.speaker.SpeakerEncoder;
import io.voxtok.api.speaker.SpeakerEncoderFactory;
import io.voxtok.nn.backend.PyTorchBackend;
import io.voxtok.plugin.speakerencoder.model.SpeakerEncoderModelDirectory;
import io.voxtok.plugin.speakerencoder.model.SpeakerEncoderNetwork;

import java.util.Set;

/**
 * Creates {@link TrainedSpeakerEncoder}s ({@code speaker-encoder}). The model is a directory written by
 * {@code voxtok export --recipe speaker-encoder --official RUN -o DIR} ({@link SpeakerEncoderModelDirectory}), e.g.
 * the shipped {@code models/speaker-encoder}. No options. Stateless.
 */
public final class TrainedSpeakerEncoderFactory implements SpeakerEncoderFactory {
    /** {@code speaker-encoder:default}. */
    public static final ComponentId ID = ComponentId.of("speaker-encoder");

    @Override
    public ComponentId id() {
        return ID;
    }

    @Override
    public String description() {
        return "x-vector speaker encoder trained by Voxtok (log-mel TDNN, statistics pooling, AM-softmax)";
    }

    @Override
    public Set<BackendKind> supportedBackends() {
        return Set.of(BackendKind.PYTORCH);
    }

    @Override
    public SpeakerEncoder create(ComponentConfig config, ComponentContext context) {
        config.requireKnownKeys(Set.of());
        SpeakerEncoderModelDirectory dir = SpeakerEncoderModelDirectory.open(config.requireModel(ID));
        BackendSpec backend = context.backend();
        Device device = backend.device().gpu() ? Device.gpu(backend.device().ordinal()) : Device.cpu();
        NDManager manager = PyTorchBackend.newManager(device);
        try {
            SpeakerEncoderNetwork net = dir.load(manager);
            net.freezeForInference();
            return new TrainedSpeakerEncoder(ID, net, manager, dir.describe());
        } catch (RuntimeException e) {
            manager.close();
            throw e instanceof VoxtokException ? e : VoxtokException.userInput("cannot load " + dir.directory() + ": "
                    + e.getMessage());
        }
    }
}
