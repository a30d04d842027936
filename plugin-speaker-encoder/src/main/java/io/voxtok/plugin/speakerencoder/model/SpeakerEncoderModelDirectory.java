package io.voxtok.plugin.speakerencoder.model;

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
 * A speaker-encoder model directory: {@code config.json} ({@link SpeakerEncoderConfig#toJson()}) and
 * {@code model.safetensors} (the {@link SpeakerEncoderNetwork} state dict; float32, or float16 after
 * {@code voxtok models pack --float16}). Both files are written atomically, the weights first.
 */
public final class SpeakerEncoderModelDirectory {
    /** The configuration file. */
    public static final String CONFIG = "config.json";
    /** The weights file. */
    public static final String WEIGHTS = "model.safetensors";

    private final Path directory;
    private final SpeakerEncoderConfig config;

    private SpeakerEncoderModelDirectory(Path directory, SpeakerEncoderConfig config) {
        this.directory = directory;
        this.config = config;
    }

    /**
     * Opens a directory and reads its configuration (the weights are read by {@link #load}).
     *
     * @throws VoxtokException USER_INPUT naming the directory or file and the problem
     */
    public static SpeakerEncoderModelDirectory open(Path directory) {
        if (!Files.isDirectory(directory)) {
            throw VoxtokException.userInput("speaker-encoder model directory " + directory + " does not exist");
        }
        Path cfg = directory.resolve(CONFIG);
        for (Path p : new Path[] {cfg, directory.resolve(WEIGHTS)}) {
            if (!Files.isRegularFile(p)) {
                throw VoxtokException.userInput("speaker-encoder model directory " + directory + " has no "
                        + p.getFileName() + " (expected " + p + ")");
            }
        }
        SpeakerEncoderConfig config;
        try {
            config = SpeakerEncoderConfig.fromJson(JsonConfigReader.read(cfg));
        } catch (VoxtokException e) {
            throw e.getMessage().contains(cfg.toString()) ? e
                    : VoxtokException.userInput("bad " + cfg + ": " + e.getMessage());
        }
        return new SpeakerEncoderModelDirectory(directory, config);
    }

    /** The directory. */
    public Path directory() {
        return directory;
    }

    /** The architecture. */
    public SpeakerEncoderConfig config() {
        return config;
    }

    /**
     * What a served embedding is and where it came from: the model type, its size, the directory and the first 12
     * hex digits of the SHA-256 of {@code model.safetensors} (so that scores of different weights are never mixed).
     */
    public String describe() {
        String digest;
        try (java.io.InputStream in = Files.newInputStream(directory.resolve(WEIGHTS))) {
            java.security.MessageDigest md = java.security.MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
            digest = java.util.HexFormat.of().formatHex(md.digest()).substring(0, 12);
        } catch (IOException | java.security.NoSuchAlgorithmException e) {
            throw VoxtokException.userInput("cannot read " + directory.resolve(WEIGHTS) + ": " + e.getMessage());
        }
        return SpeakerEncoderConfig.MODEL_TYPE + " x-vector (" + config.embeddingDim() + "-d, " + config.nMels()
                + " log-mel bands) from " + directory.toAbsolutePath().normalize() + " (model.safetensors sha256 "
                + digest + ")";
    }

    /**
     * Reads the weights into a network on {@code manager}.
     *
     * @throws VoxtokException USER_INPUT naming {@code model.safetensors} and the problem
     */
    public SpeakerEncoderNetwork load(NDManager manager) {
        Path weights = directory.resolve(WEIGHTS);
        StateDict dict;
        try {
            dict = StateDict.read(weights);
        } catch (VoxtokException e) {
            throw e.getMessage().contains(weights.toString()) ? e
                    : VoxtokException.userInput("bad " + weights + ": " + e.getMessage());
        }
        try {
            return SpeakerEncoderNetwork.load(config, dict, manager);
        } catch (VoxtokException e) {
            throw e.getMessage().contains(weights.toString()) ? e
                    : VoxtokException.userInput("bad " + weights + ": " + e.getMessage());
        }
    }

    /**
     * Writes {@code config.json} and {@code model.safetensors} into {@code directory} (created).
     *
     * @return the files written
     */
    public static List<Path> write(Path directory, SpeakerEncoderConfig config, Map<String, NDArray> stateDict) {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw VoxtokException.userInput("cannot create " + directory + ": " + e.getMessage());
        }
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        stateDict.forEach((k, v) -> tensors.put(k, NdArrays.toTensor(v)));
        Path weights = directory.resolve(WEIGHTS);
        // weights first: a directory whose config.json is present always has matching weights next to it
        SafetensorsWriter.write(weights, tensors, Map.of("format", "pt", "model_type", SpeakerEncoderConfig.MODEL_TYPE));
        Path cfg = directory.resolve(CONFIG);
        AtomicFiles.writeString(cfg, Json.write(config.toJson()) + "\n");
        return List.of(cfg, weights);
    }
}
