package io.voxtok.plugin.phoneteacher.training;

import io.voxtok.api.VoxtokException;
import io.voxtok.modelio.AtomicFiles;
import io.voxtok.modelio.Json;
import io.voxtok.modelio.SafetensorsReader;
import io.voxtok.modelio.StateDict;
import io.voxtok.nn.config.JsonConfigReader;
import io.voxtok.plugin.phoneteacher.model.PhoneTeacherConfig;
import io.voxtok.plugin.phoneteacher.model.PhoneTeacherModelDirectory;
import io.voxtok.training.optim.AdamState;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The complete state of a {@link PhoneTeacherTrainer} in one checkpoint directory, enough to continue a run
 * exactly: a model directory ({@code config.json} with the phone inventory, {@code model.safetensors}; the layout
 * the teacher loads), {@code optimizer.safetensors} (Adam moments and step counts) and {@code trainer.json}
 * (completed steps and the caller's extra fields such as the best dev accuracy). The sampler position is a function
 * of the step, so it needs no field. The run's checkpoint store makes the directory appear atomically.
 */
public final class TeacherCheckpoint {
    static final String OPTIMIZER = "optimizer.safetensors";
    static final String TRAINER = "trainer.json";
    static final String FORMAT = "voxtok-phone-teacher-trainer/1";

    private TeacherCheckpoint() {
    }

    /** Writes the trainer's state into {@code dir}. */
    public static void save(PhoneTeacherTrainer trainer, Path dir, Map<String, Object> extra) {
        PhoneTeacherModelDirectory.write(dir, trainer.model(), trainer.network().stateDict());
        io.voxtok.modelio.SafetensorsWriter.write(dir.resolve(OPTIMIZER), trainer.optimizer().exportState().toTensors());
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("format", FORMAT);
        json.put("step", trainer.step());
        json.put("extra", extra);
        AtomicFiles.writeString(dir.resolve(TRAINER), Json.write(json));
    }

    /** The model configuration (with phone inventory) stored in a checkpoint. */
    public static PhoneTeacherConfig modelConfig(Path dir) {
        Path cfg = dir.resolve(PhoneTeacherModelDirectory.CONFIG);
        if (!Files.isRegularFile(cfg)) {
            throw VoxtokException.userInput("checkpoint " + dir + " lacks " + PhoneTeacherModelDirectory.CONFIG);
        }
        return PhoneTeacherConfig.fromJson(JsonConfigReader.read(cfg), true);
    }

    /**
     * Restores a trainer built with the same configuration and inventory from {@code dir}.
     *
     * @return the caller's extra fields
     * @throws VoxtokException naming the directory or file and the problem
     */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> load(PhoneTeacherTrainer trainer, Path dir) {
        for (String f : new String[] {PhoneTeacherModelDirectory.CONFIG, PhoneTeacherModelDirectory.WEIGHTS,
                OPTIMIZER, TRAINER}) {
            if (!Files.isRegularFile(dir.resolve(f))) {
                throw VoxtokException.userInput("checkpoint " + dir + " lacks " + f);
            }
        }
        PhoneTeacherConfig stored = modelConfig(dir);
        if (!stored.equals(trainer.model())) {
            throw VoxtokException.userInput("checkpoint " + dir.resolve(PhoneTeacherModelDirectory.CONFIG)
                    + " does not match this run's architecture or the corpus' phone inventory: " + stored.toJson()
                    + " vs " + trainer.model().toJson());
        }
        trainer.network().loadStateDict(StateDict.read(dir.resolve(PhoneTeacherModelDirectory.WEIGHTS)), "");
        trainer.optimizer().importState(AdamState.fromTensors(SafetensorsReader.read(dir.resolve(OPTIMIZER))));
        Map<String, Object> json = Json.readObject(dir.resolve(TRAINER));
        if (!FORMAT.equals(json.get("format"))) {
            throw VoxtokException.userInput("checkpoint " + dir.resolve(TRAINER) + " has format " + json.get("format")
                    + ", expected " + FORMAT);
        }
        trainer.restoreStep(((Number) json.get("step")).longValue());
        Object extra = json.get("extra");
        return extra instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }
}
