package io.voxtok.plugin.uslm.training;

import io.voxtok.api.VoxtokException;
import io.voxtok.modelio.AtomicFiles;
import io.voxtok.modelio.Json;
import io.voxtok.modelio.SafetensorsReader;
import io.voxtok.modelio.SafetensorsWriter;
import io.voxtok.modelio.StateDict;
import io.voxtok.plugin.uslm.config.UslmConfig;
import io.voxtok.plugin.uslm.model.UslmModelDirectory;
import io.voxtok.training.data.SamplerPosition;
import io.voxtok.training.optim.AdamState;
import io.voxtok.training.optim.CosineAnnealingSchedule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The complete state of a {@link UslmTrainer} in one checkpoint directory, enough to continue a run exactly: a
 * model directory ({@link UslmModelDirectory}: {@code config.json}, float32 {@code model.safetensors}, the text
 * vocabulary; {@code voxtok lm score} and {@code lm generate} read it as it is), {@code optimizer.safetensors}
 * (Adam's moments and step counts) and {@code trainer.json} (completed and skipped steps, the batch sampler's next
 * position, the NAR stage stream's draw count, the learning-rate schedule, and the caller's extra fields). The run's
 * {@link io.voxtok.training.run.CheckpointStore} makes the directory appear atomically.
 */
public final class UslmCheckpoint {
    static final String OPTIMIZER = "optimizer.safetensors";
    static final String TRAINER = "trainer.json";
    static final String FORMAT = "voxtok-uslm-trainer/1";

    /**
     * What a checkpoint restores besides the trainer.
     *
     * @param position the batch sampler's next position
     * @param extra    the caller's fields
     */
    public record Restored(SamplerPosition position, Map<String, Object> extra) {
    }

    private UslmCheckpoint() {
    }

    /**
     * Writes the trainer's state into {@code dir}.
     *
     * @param info       Voxtok's section of the model's {@code config.json} (tokenizer, frame rate)
     * @param vocabulary the corpus' vocabulary file, copied
     * @param position   the sampler's next position
     * @param extra      the caller's fields (strings, numbers, booleans)
     */
    public static void save(UslmTrainer trainer, Path dir, Map<String, Object> info, Path vocabulary,
                            SamplerPosition position, Map<String, Object> extra) {
        UslmModelDirectory.write(dir, trainer.model(), trainer.network().stateDict(), info, vocabulary);
        SafetensorsWriter.write(dir.resolve(OPTIMIZER), trainer.optimizer().exportState().toTensors());
        CosineAnnealingSchedule.State s = trainer.schedule().state();
        Map<String, Object> schedule = new LinkedHashMap<>();
        schedule.put("calls", s.calls());
        schedule.put("last_epoch", s.lastEpoch());
        // doubles as their exact bit patterns: the resumed schedule must continue bit for bit
        schedule.put("cosine_lr_bits", Long.toString(Double.doubleToRawLongBits(s.cosineLr())));
        schedule.put("lr_bits", Long.toString(Double.doubleToRawLongBits(s.lr())));
        schedule.put("lr", s.lr());
        Map<String, Object> sampler = new LinkedHashMap<>();
        sampler.put("epoch", (long) position.epoch());
        sampler.put("batch", (long) position.batch());
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("format", FORMAT);
        json.put("step", trainer.step());
        json.put("skipped_steps", trainer.skippedSteps());
        json.put("sampler", sampler);
        json.put("stage_draws", trainer.stageSampler().draws());
        json.put("schedule", schedule);
        json.put("extra", extra);
        AtomicFiles.writeString(dir.resolve(TRAINER), Json.write(json) + "\n");
    }

    /** The architecture stored in a checkpoint. */
    public static UslmConfig modelConfig(Path dir) {
        Path cfg = dir.resolve(UslmModelDirectory.CONFIG);
        if (!Files.isRegularFile(cfg)) {
            throw VoxtokException.userInput("checkpoint " + dir + " lacks " + UslmModelDirectory.CONFIG);
        }
        return UslmConfig.read(cfg);
    }

    /**
     * Restores a trainer built with the same architecture from {@code dir}.
     *
     * @return the sampler position and the caller's extra fields
     * @throws VoxtokException naming the directory or file and the problem
     */
    @SuppressWarnings("unchecked")
    public static Restored load(UslmTrainer trainer, Path dir) {
        for (String f : new String[] {UslmModelDirectory.CONFIG, UslmModelDirectory.WEIGHTS, OPTIMIZER, TRAINER}) {
            if (!Files.isRegularFile(dir.resolve(f))) {
                throw VoxtokException.userInput("checkpoint " + dir + " lacks " + f);
            }
        }
        UslmConfig stored = modelConfig(dir);
        if (!stored.equals(trainer.model())) {
            throw VoxtokException.userInput("checkpoint " + dir.resolve(UslmModelDirectory.CONFIG) + " holds "
                    + stored + ", but this run trains " + trainer.model());
        }
        Path trainerFile = dir.resolve(TRAINER);
        Map<String, Object> json = Json.readObject(trainerFile);
        if (!FORMAT.equals(json.get("format"))) {
            throw VoxtokException.userInput("checkpoint " + trainerFile + " has format " + json.get("format")
                    + ", expected " + FORMAT);
        }
        try {
            trainer.network().loadStateDict(StateDict.read(dir.resolve(UslmModelDirectory.WEIGHTS)), "");
            trainer.optimizer().importState(AdamState.fromTensors(SafetensorsReader.read(dir.resolve(OPTIMIZER))));
            Map<String, Object> sch = (Map<String, Object>) json.get("schedule");
            trainer.schedule().restore(new CosineAnnealingSchedule.State(((Number) sch.get("calls")).longValue(),
                    ((Number) sch.get("last_epoch")).longValue(),
                    Double.longBitsToDouble(Long.parseLong((String) sch.get("cosine_lr_bits"))),
                    Double.longBitsToDouble(Long.parseLong((String) sch.get("lr_bits")))));
            trainer.stageSampler().resumeAfter(((Number) json.get("stage_draws")).longValue());
            trainer.restoreCounters(((Number) json.get("step")).longValue(),
                    ((Number) json.get("skipped_steps")).longValue());
            SamplerPosition position = SamplerPosition.fromMap((Map<String, Object>) json.get("sampler"),
                    trainerFile.toString());
            Object extra = json.get("extra");
            return new Restored(position, extra instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of());
        } catch (ClassCastException | NullPointerException | NumberFormatException e) {
            throw VoxtokException.userInput("checkpoint " + trainerFile + " is malformed: a field is missing or of the"
                    + " wrong type (" + e.getMessage() + ")");
        }
    }
}
