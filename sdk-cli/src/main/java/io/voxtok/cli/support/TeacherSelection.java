package io.voxtok.cli.support;

import io.voxtok.api.ComponentConfig;
import io.voxtok.api.teacher.LayerSelection;
import io.voxtok.api.teacher.Teacher;
import io.voxtok.runtime.VoxtokRuntime;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/** {@code --teacher NAME --model DIR --layer 9|avg -O key=value}: which teacher and which hidden states. */
public final class TeacherSelection {
    @Option(names = "--teacher", defaultValue = "hubert", paramLabel = "NAME", description = "teacher (default hubert)")
    public String teacher;

    @Option(names = {"-m", "--model"}, paramLabel = "DIR",
            description = "teacher model directory (config.json + weights, or model.onnx for --backend onnxruntime), or the"
                    + " name of a shipped model (see 'voxtok models')")
    public Path model;

    @Option(names = "--layer", defaultValue = "avg", paramLabel = "N|avg",
            description = "hidden state: 0 = embedding output, N = transformer layer N, avg = mean of all (default avg)")
    public String layer;

    @Option(names = {"-O", "--option"}, paramLabel = "KEY=VALUE", description = "teacher option (repeatable)")
    public Map<String, String> options = new LinkedHashMap<>();

    /** The layer selection. */
    public LayerSelection layers() {
        try {
            return LayerSelection.parse(layer);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("--layer must be a hidden-state number or avg, got " + layer);
        }
    }

    /** Creates the teacher. */
    public Teacher create(VoxtokRuntime rt) {
        if (model == null) {
            throw new IllegalArgumentException("missing --model DIR (the teacher's model directory)");
        }
        return rt.createTeacher(teacher, new ComponentConfig(options, Optional.of(RuntimeOptions.resolveModel(model))));
    }
}
