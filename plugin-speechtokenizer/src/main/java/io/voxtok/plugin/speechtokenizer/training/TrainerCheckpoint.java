package io.voxtok.plugin.speechtokenizer.training;

import ai.djl.ndarray.NDArray;
import io.voxtok.api.VoxtokException;
import io.voxtok.modelio.AtomicFiles;
import io.voxtok.modelio.Json;
import io.voxtok.modelio.SafetensorsReader;
import io.voxtok.modelio.SafetensorsWriter;
import io.voxtok.modelio.StateDict;
import io.voxtok.modelio.Tensor;
import io.voxtok.nn.NdArrays;
import io.voxtok.training.discriminator.DiscriminatorFamily;
import io.voxtok.training.optim.AdamState;
import io.voxtok.training.optim.CosineAnnealingSchedule;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The complete state of a {@link SpeechTokenizerTrainer} in one checkpoint directory, enough to continue a run
 * exactly: {@code generator.safetensors} (parameters with weight norm as {@code g}/{@code v}, codebook buffers),
 * {@code discriminators.safetensors} (parameters and spectral-norm vectors, keys {@code family.key}),
 * {@code optimizer_g.safetensors} / {@code optimizer_d.safetensors} (Adam moments and step counts) and
 * {@code trainer.json} (completed steps, schedules, non-finite streak, and the caller's extra fields such as the
 * data position). Random numbers need no state: the trainer derives them from the seed and the step.
 *
 * <p>Files are written into the directory the caller gives; the run's checkpoint store makes that directory
 * appear atomically.
 */
public final class TrainerCheckpoint {
    static final String GENERATOR = "generator.safetensors";
    static final String DISCRIMINATORS = "discriminators.safetensors";
    static final String OPTIMIZER_G = "optimizer_g.safetensors";
    static final String OPTIMIZER_D = "optimizer_d.safetensors";
    static final String TRAINER = "trainer.json";

    private TrainerCheckpoint() {
    }

    /**
     * Writes the trainer's state into {@code dir}.
     *
     * @param extra fields stored in {@code trainer.json} under {@code "extra"} (e.g. the data position)
     */
    public static void save(SpeechTokenizerTrainer trainer, Path dir, Map<String, Object> extra) {
        SafetensorsWriter.write(dir.resolve(GENERATOR), tensors("", trainer.generator().stateDict()));
        Map<String, Tensor> disc = new LinkedHashMap<>();
        for (DiscriminatorFamily d : trainer.discriminators()) {
            disc.putAll(tensors(d.family() + ".", d.stateDict()));
        }
        SafetensorsWriter.write(dir.resolve(DISCRIMINATORS), disc);
        SafetensorsWriter.write(dir.resolve(OPTIMIZER_G), trainer.generatorOptimizer().exportState().toTensors());
        SafetensorsWriter.write(dir.resolve(OPTIMIZER_D), trainer.discriminatorOptimizer().exportState().toTensors());
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("format", "voxtok-speechtokenizer-trainer/1");
        json.put("step", trainer.step());
        json.put("non_finite_streak", trainer.nonFiniteStreak());
        json.put("schedule_g", schedule(trainer.generatorSchedule().state()));
        json.put("schedule_d", schedule(trainer.discriminatorSchedule().state()));
        json.put("extra", extra);
        AtomicFiles.writeString(dir.resolve(TRAINER), Json.write(json));
    }

    /**
     * Restores a trainer built with the same configuration from {@code dir}.
     *
     * @return the caller's extra fields
     * @throws VoxtokException naming the directory and the problem (missing file, mismatched keys)
     */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> load(SpeechTokenizerTrainer trainer, Path dir) {
        for (String f : new String[] {GENERATOR, DISCRIMINATORS, OPTIMIZER_G, OPTIMIZER_D, TRAINER}) {
            if (!Files.isRegularFile(dir.resolve(f))) {
                throw VoxtokException.userInput("checkpoint " + dir + " lacks " + f);
            }
        }
        trainer.generator().loadStateDict(StateDict.read(dir.resolve(GENERATOR)), "");
        StateDict disc = StateDict.read(dir.resolve(DISCRIMINATORS));
        for (DiscriminatorFamily d : trainer.discriminators()) {
            d.loadStateDict(disc.subDict(d.family() + "."));
        }
        trainer.generatorOptimizer().importState(AdamState.fromTensors(
                SafetensorsReader.read(dir.resolve(OPTIMIZER_G))));
        trainer.discriminatorOptimizer().importState(AdamState.fromTensors(
                SafetensorsReader.read(dir.resolve(OPTIMIZER_D))));
        Map<String, Object> json = Json.readObject(dir.resolve(TRAINER));
        if (!"voxtok-speechtokenizer-trainer/1".equals(json.get("format"))) {
            throw VoxtokException.userInput("checkpoint " + dir.resolve(TRAINER) + " has format " + json.get("format")
                    + ", expected voxtok-speechtokenizer-trainer/1");
        }
        trainer.generatorSchedule().restore(schedule((Map<String, Object>) json.get("schedule_g")));
        trainer.discriminatorSchedule().restore(schedule((Map<String, Object>) json.get("schedule_d")));
        trainer.restoreCounters(((Number) json.get("step")).longValue(),
                ((Number) json.get("non_finite_streak")).intValue());
        Object extra = json.get("extra");
        return extra instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    static Map<String, Tensor> tensors(String prefix, Map<String, NDArray> arrays) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        arrays.forEach((k, v) -> out.put(prefix + k, NdArrays.toTensor(v)));
        return out;
    }

    private static Map<String, Object> schedule(CosineAnnealingSchedule.State s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("calls", s.calls());
        m.put("last_epoch", s.lastEpoch());
        // doubles are written with all 17 significant digits so the restored rate is bit-identical
        m.put("cosine_lr", Double.toString(s.cosineLr()));
        m.put("lr", Double.toString(s.lr()));
        return m;
    }

    private static CosineAnnealingSchedule.State schedule(Map<String, Object> m) {
        return new CosineAnnealingSchedule.State(((Number) m.get("calls")).longValue(),
                ((Number) m.get("last_epoch")).longValue(), Double.parseDouble((String) m.get("cosine_lr")),
                Double.parseDouble((String) m.get("lr")));
    }
}
