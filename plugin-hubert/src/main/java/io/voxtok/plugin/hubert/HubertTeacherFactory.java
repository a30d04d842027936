package io.voxtok.plugin.hubert;

import ai.djl.Device;
import ai.djl.engine.Engine;
import io.voxtok.api.ComponentConfig;
import io.voxtok.api.ComponentContext;
import io.voxtok.api.ComponentId;
import io.voxtok.api.ErrorKind;
import io.voxtok.api.VoxtokException;
import io.voxtok.api.backend.BackendKind;
import io.voxtok.api.backend.BackendSpec;
import io.voxtok.api.teacher.Teacher;
import io.voxtok.api.teacher.TeacherFactory;
import io.voxtok.plugin.hubert.config.HubertConfig;
import io.voxtok.plugin.hubert.config.PreprocessorConfig;
import io.voxtok.plugin.hubert.model.HubertCheckpoint;
import io.voxtok.plugin.hubert.model.HubertDjlModel;
import io.voxtok.plugin.hubert.model.HubertEncoder;
import io.voxtok.plugin.hubert.model.HubertModelDirectory;
import io.voxtok.plugin.hubert.model.HubertOnnxModel;
import java.util.Locale;
import java.util.Set;

/**
 * Creates {@link HubertTeacher}s ({@code hubert}). The model ({@code --model}) is a directory with
 * {@code config.json}, optional {@code preprocessor_config.json}, and weights (Hugging Face or fairseq) for the
 * PyTorch backend or {@code model.onnx} for ONNX Runtime; see {@link HubertModelDirectory}.
 *
 * <p>Options: {@code normalize} ({@code true}/{@code false}; default: {@code do_normalize} of
 * {@code preprocessor_config.json}, false without one), {@code min-samples} (zero-pad shorter inputs to this
 * many samples before normalising; default 0; SpeechTokenizer's teacher target uses 48000). Stateless.
 */
public final class HubertTeacherFactory implements TeacherFactory {
    /** {@code hubert:default}. */
    public static final ComponentId ID = ComponentId.of("hubert");
    /** Option: normalise each utterance to zero mean, unit variance. */
    public static final String NORMALIZE = "normalize";
    /** Option: zero-pad inputs shorter than this many samples. */
    public static final String MIN_SAMPLES = "min-samples";

    @Override
    public ComponentId id() {
        return ID;
    }

    @Override
    public String description() {
        return "HuBERT teacher (HF or fairseq weights, or ONNX): hidden states, 'avg' target, 50 Hz";
    }

    @Override
    public Set<BackendKind> supportedBackends() {
        return Set.of(BackendKind.PYTORCH, BackendKind.ONNX_RUNTIME);
    }

    @Override
    public Teacher create(ComponentConfig config, ComponentContext context) {
        config.requireKnownKeys(Set.of(NORMALIZE, MIN_SAMPLES));
        HubertModelDirectory dir = HubertModelDirectory.open(config.requireModel(ID));
        PreprocessorConfig pre = dir.preprocessing();
        boolean normalize = config.get(NORMALIZE).map(HubertTeacherFactory::parseBoolean).orElse(pre.doNormalize());
        int minSamples = config.get(MIN_SAMPLES).map(HubertTeacherFactory::parseCount).orElse(0);
        BackendSpec backend = context.backend();
        HubertEncoder encoder = switch (backend.kind()) {
            case PYTORCH -> {
                HubertCheckpoint ckpt = dir.load();
                yield new HubertDjlModel(ckpt, djlDevice(backend));
            }
            case ONNX_RUNTIME -> {
                HubertConfig cfg = dir.config();
                yield new HubertOnnxModel(dir.onnxFile(), cfg, backend.device(), backend.intraOpThreads());
            }
            default -> throw new VoxtokException(ErrorKind.USER_INPUT, ID + " runs on PYTORCH or ONNX_RUNTIME, not " + backend.kind());
        };
        return new HubertTeacher(ID, encoder, new WaveformPreprocessor(normalize, minSamples), pre.sampleRate());
    }

    private static Device djlDevice(BackendSpec backend) {
        try {
            Engine.getEngine("PyTorch");
        } catch (RuntimeException e) {
            throw new VoxtokException(ErrorKind.ENVIRONMENT, "the DJL PyTorch engine is not available: " + e.getMessage(), e);
        }
        return backend.device().gpu() ? Device.gpu(backend.device().ordinal()) : Device.cpu();
    }

    private static boolean parseBoolean(String v) {
        return switch (v.trim().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "1" -> true;
            case "false", "no", "0" -> false;
            default -> throw VoxtokException.userInput("option " + NORMALIZE + " must be true or false, got '" + v + "'");
        };
    }

    private static int parseCount(String v) {
        try {
            int n = Integer.parseInt(v.trim());
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw VoxtokException.userInput("option " + MIN_SAMPLES + " must be a non-negative integer, got '" + v + "'");
    }
}
