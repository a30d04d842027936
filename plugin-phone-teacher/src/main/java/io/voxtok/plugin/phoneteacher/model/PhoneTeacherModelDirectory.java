package io.voxtok.plugin.phoneteacher.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.voxtok.api.VoxtokException;
import io.voxtok.modelio.AtomicFiles;
import io.voxtok.modelio.Json;
import io.voxtok.modelio.SafetensorsWriter;
import io.voxtok.modelio.StateDict;
import io.voxtok.modelio.Tensor;
import io.voxtok.nn.NdArrays;
import io.voxtok.nn.config.JsonConfigReader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A phone-teacher model directory: {@code config.json} ({@link PhoneTeacherConfig#toJson()}: architecture, phone
 * inventory, sample rate, hop, feature dimension, recommended layer) and {@code model.safetensors} (the
 * {@link PhoneTeacherNetwork} state dict, float32). Both files are written atomically.
 */
public final class PhoneTeacherModelDirectory {
    /** The configuration file. */
    public static final String CONFIG = "config.json";
    /** The weights file. */
    public static final String WEIGHTS = "model.safetensors";

    private final Path directory;
    private final PhoneTeacherConfig config;

    private PhoneTeacherModelDirectory(Path directory, PhoneTeacherConfig config) {
        this.directory = directory;
        this.config = config;
    }

    /**
     * Opens a directory and reads its configuration (the weights are read by {@link #load}).
     *
     * @throws VoxtokException USER_INPUT naming the directory or file and the problem
     */
    public static PhoneTeacherModelDirectory open(Path directory) {
        if (!Files.isDirectory(directory)) {
            throw VoxtokException.userInput("phone-teacher model directory " + directory + " does not exist");
        }
        Path cfg = directory.resolve(CONFIG);
        if (!Files.isRegularFile(cfg)) {
            throw VoxtokException.userInput("phone-teacher model directory " + directory + " has no " + CONFIG
                    + " (expected " + cfg + ")");
        }
        if (!Files.isRegularFile(directory.resolve(WEIGHTS))) {
            throw VoxtokException.userInput("phone-teacher model directory " + directory + " has no " + WEIGHTS
                    + " (expected " + directory.resolve(WEIGHTS) + ")");
        }
        PhoneTeacherConfig config;
        try {
            config = PhoneTeacherConfig.fromJson(JsonConfigReader.read(cfg), true);
        } catch (VoxtokException e) {
            throw e.getMessage().contains(cfg.toString()) ? e
                    : VoxtokException.userInput("bad " + cfg + ": " + e.getMessage());
        }
        return new PhoneTeacherModelDirectory(directory, config);
    }

    /** The directory. */
    public Path directory() {
        return directory;
    }

    /** The architecture and inventory. */
    public PhoneTeacherConfig config() {
        return config;
    }

    /**
     * Reads the weights into a network on {@code manager}.
     *
     * @throws VoxtokException USER_INPUT naming {@code model.safetensors} and the problem
     */
    public PhoneTeacherNetwork load(NDManager manager) {
        Path weights = directory.resolve(WEIGHTS);
        StateDict dict;
        try {
            dict = StateDict.read(weights);
        } catch (VoxtokException e) {
            throw e.getMessage().contains(weights.toString()) ? e
                    : VoxtokException.userInput("bad " + weights + ": " + e.getMessage());
        }
        return PhoneTeacherNetwork.load(config, dict, manager);
    }

    /**
     * Writes {@code config.json} and {@code model.safetensors} into {@code directory} (created).
     *
     * @param stateDict the network's state dict
     * @return the files written
     */
    public static List<Path> write(Path directory, PhoneTeacherConfig config, Map<String, NDArray> stateDict) {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw VoxtokException.userInput("cannot create " + directory + ": " + e.getMessage());
        }
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        stateDict.forEach((k, v) -> tensors.put(k, NdArrays.toTensor(v)));
        Path weights = directory.resolve(WEIGHTS);
        // weights first: a directory whose config.json is present always has matching weights next to it
        SafetensorsWriter.write(weights, tensors, Map.of("format", "pt", "model_type", PhoneTeacherConfig.MODEL_TYPE));
        Path cfg = directory.resolve(CONFIG);
        AtomicFiles.writeString(cfg, Json.write(config.toJson()) + "\n");
        return List.of(cfg, weights);
    }
}
