package io.voxtok.plugin.speakerencoder.training;

import io.voxtok.api.VoxtokException;
import io.voxtok.modelio.AtomicFiles;
import io.voxtok.modelio.Json;
import io.voxtok.modelio.SafetensorsReader;
import io.voxtok.modelio.SafetensorsWriter;
import io.voxtok.modelio.StateDict;
import io.voxtok.modelio.Tensor;
import io.voxtok.nn.NdArrays;
import io.voxtok.nn.config.JsonConfigReader;
import io.voxtok.plugin.speakerencoder.model.SpeakerEncoderConfig;
import io.voxtok.plugin.speakerencoder.model.SpeakerEncoderModelDirectory;
import io.voxtok.training.optim.AdamState;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The complete state of a {@link SpeakerEncoderTrainer} in one checkpoint directory, enough to continue a run
 * exactly: a model directory ({@code config.json}, {@code model.safetensors}; the layout the encoder loads),
 * {@code head.safetensors} (the AM-softmax class weights), {@code optimizer.safetensors} (Adam moments and step
 * counts) and {@code trainer.json} (completed steps, the training speakers in class order, and the caller's extra
 * fields such as the best dev EER). The sampler position and the learning rate are functions of the step. The
 * run's checkpoint store makes the directory appear atomically.
 */
public final class SpeakerCheckpoint {
    static final String HEAD = "head.safetensors";
    static final String OPTIMIZER = "optimizer.safetensors";
    static final String TRAINER = "trainer.json";
    static final String FORMAT = "voxtok-speaker-encoder-trainer/1";

    private SpeakerCheckpoint() {
    }

    /** Writes the trainer's state into {@code dir}. */
    public static void save(SpeakerEncoderTrainer trainer, Path dir, Map<String, Object> extra) {
        SpeakerEncoderModelDirectory.write(dir, trainer.network().config(), trainer.network().stateDict());
        SafetensorsWriter.write(dir.resolve(HEAD), Map.of(SpeakerEncoderTrainer.HEAD, NdArrays.toTensor(trainer.head())));
        SafetensorsWriter.write(dir.resolve(OPTIMIZER), trainer.optimizer().exportState().toTensors());
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("format", FORMAT);
        json.put("step", trainer.step());
        json.put("speakers", trainer.speakers());
        json.put("extra", extra);
        AtomicFiles.writeString(dir.resolve(TRAINER), Json.write(json));
    }

    /** The model configuration stored in a checkpoint. */
    public static SpeakerEncoderConfig modelConfig(Path dir) {
        Path cfg = dir.resolve(SpeakerEncoderModelDirectory.CONFIG);
        if (!Files.isRegularFile(cfg)) {
            throw VoxtokException.userInput("checkpoint " + dir + " lacks " + SpeakerEncoderModelDirectory.CONFIG);
        }
        return SpeakerEncoderConfig.fromJson(JsonConfigReader.read(cfg));
    }

    /**
     * Restores a trainer built with the same configuration and speakers from {@code dir}.
     *
     * @return the caller's extra fields
     * @throws VoxtokException naming the directory or file and the problem
     */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> load(SpeakerEncoderTrainer trainer, Path dir) {
        for (String f : new String[] {SpeakerEncoderModelDirectory.CONFIG, SpeakerEncoderModelDirectory.WEIGHTS, HEAD,
                OPTIMIZER, TRAINER}) {
            if (!Files.isRegularFile(dir.resolve(f))) {
                throw VoxtokException.userInput("checkpoint " + dir + " lacks " + f);
            }
        }
        SpeakerEncoderConfig stored = modelConfig(dir);
        if (!stored.equals(trainer.network().config())) {
            throw VoxtokException.userInput("checkpoint " + dir.resolve(SpeakerEncoderModelDirectory.CONFIG)
                    + " does not match this run's architecture: " + stored.toJson() + " vs "
                    + trainer.network().config().toJson());
        }
        Map<String, Object> json = Json.readObject(dir.resolve(TRAINER));
        if (!FORMAT.equals(json.get("format"))) {
            throw VoxtokException.userInput("checkpoint " + dir.resolve(TRAINER) + " has format " + json.get("format")
                    + ", expected " + FORMAT);
        }
        List<String> speakers = new ArrayList<>();
        if (json.get("speakers") instanceof List<?> l) {
            l.forEach(o -> speakers.add(String.valueOf(o)));
        }
        if (!speakers.equals(trainer.speakers())) {
            throw VoxtokException.userInput("checkpoint " + dir.resolve(TRAINER) + " was trained on speakers " + speakers
                    + ", but the corpus' training split has " + trainer.speakers());
        }
        trainer.network().loadStateDict(StateDict.read(dir.resolve(SpeakerEncoderModelDirectory.WEIGHTS)), "");
        Tensor head = SafetensorsReader.read(dir.resolve(HEAD)).get(SpeakerEncoderTrainer.HEAD);
        if (head == null) {
            throw VoxtokException.userInput("checkpoint " + dir.resolve(HEAD) + " lacks " + SpeakerEncoderTrainer.HEAD);
        }
        float[] values = head.toFloatArray();
        if (values.length != trainer.head().size()) {
            throw VoxtokException.userInput("checkpoint " + dir.resolve(HEAD) + ": " + SpeakerEncoderTrainer.HEAD
                    + " has " + values.length + " values, expected " + trainer.head().size());
        }
        trainer.head().set(values);
        trainer.optimizer().importState(AdamState.fromTensors(SafetensorsReader.read(dir.resolve(OPTIMIZER))));
        trainer.restoreStep(((Number) json.get("step")).longValue());
        Object extra = json.get("extra");
        return extra instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }
}
