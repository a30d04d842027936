package io.voxtok.plugin.phoneteacher;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import io.voxtok.api.ComponentConfig;
import io.voxtok.api.ComponentContext;
import io.voxtok.api.ComponentId;
import io.voxtok.api.VoxtokException;
import io.voxtok.api.backend.BackendKind;
import io.voxtok.api.backend.BackendSpec;
import io.voxtok.api.teacher.Teacher;
import io.voxtok.api.teacher.TeacherFactory;
import io.voxtok.nn.backend.PyTorchBackend;
import io.voxtok.plugin.phoneteacher.model.PhoneTeacherModelDirectory;
import io.voxtok.plugin.phoneteacher.model.PhoneTeacherNetwork;

import java.util.Set;

/**
 * Creates {@link PhoneTeacher}s ({@code phone-teacher}). The model ({@code --model}) is a directory written by
 * {@code voxtok export --recipe phone-teacher --official RUN -o DIR}: {@code config.json} and
 * {@code model.safetensors} ({@link PhoneTeacherModelDirectory}). No options. Stateless.
 */
public final class PhoneTeacherFactory implements TeacherFactory {
    /** {@code phone-teacher:default}. */
    public static final ComponentId ID = ComponentId.of("phone-teacher");

    @Override
    public ComponentId id() {
        return ID;
    }

    @Override
    public String description() {
        return "phone-classifier teacher (log-mel CNN trained on corpus alignments): 256-d conv features, 50 Hz";
    }

    @Override
    public Set<BackendKind> supportedBackends() {
        return Set.of(BackendKind.PYTORCH);
    }

    @Override
    public Teacher create(ComponentConfig config, ComponentContext context) {
        config.requireKnownKeys(Set.of());
        PhoneTeacherModelDirectory dir = PhoneTeacherModelDirectory.open(config.requireModel(ID));
        BackendSpec backend = context.backend();
        Device device = backend.device().gpu() ? Device.gpu(backend.device().ordinal()) : Device.cpu();
        NDManager manager = PyTorchBackend.newManager(device);
        try {
            PhoneTeacherNetwork net = dir.load(manager);
            net.freezeForInference();
            return new PhoneTeacher(ID, net, manager);
        } catch (RuntimeException e) {
            manager.close();
            throw e instanceof VoxtokException ? e : VoxtokException.userInput("cannot load " + dir.directory() + ": "
                    + e.getMessage());
        }
    }
}
