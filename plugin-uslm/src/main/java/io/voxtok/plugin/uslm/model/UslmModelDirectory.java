package io.voxtok.plugin.uslm.model;

import ai.djl.ndarray.NDArray;
import io.voxtok.api.VoxtokException;
import io.voxtok.modelio.AtomicFiles;
import io.voxtok.modelio.Json;
import io.voxtok.modelio.SafetensorsWriter;
import io.voxtok.modelio.Tensor;
import io.voxtok.nn.NdArrays;
import io.voxtok.plugin.uslm.config.UslmConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a USLM / VALL-E model directory that {@link UslmModel#load(Path, io.voxtok.plugin.uslm.config.UslmOptions)}
 * reads: {@code config.json} in the fixture's format ({@code model_class}, {@code constructor_args},
 * {@code constants_from_models_macros}) plus an optional {@code voxtok} object (the tokenizer whose codes the model
 * reads, its frame rate, the vocabulary file), {@code model.safetensors} (the state dict under the official keys,
 * without the tied duplicates) and, when given, the text vocabulary. Every file is written to a temporary file and
 * moved into place; the weights before the configuration, so a directory with a {@code config.json} always has
 * weights that match it.
 */
public final class UslmModelDirectory {
    /** Configuration file name. */
    public static final String CONFIG = "config.json";
    /** Weights file name. */
    public static final String WEIGHTS = "model.safetensors";
    /** Key of Voxtok's own section in {@code config.json}. */
    public static final String VOXTOK = "voxtok";

    private UslmModelDirectory() {
    }

    /** The {@code config.json} object of {@code config} with Voxtok's section {@code info} (omitted when empty). */
    public static Map<String, Object> configJson(UslmConfig config, Map<String, Object> info) {
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("d_model", config.dModel());
        args.put("nhead", config.nhead());
        args.put("num_layers", config.numLayers());
        args.put("norm_first", config.normFirst());
        args.put("add_prenet", config.addPrenet());
        args.put("prefix_mode", config.prefixMode());
        args.put("share_embedding", config.shareEmbedding());
        args.put("nar_scale_factor", config.narScaleFactor());
        args.put("prepend_bos", config.prependBos());
        args.put("num_quantizers", config.numQuantizers());
        Map<String, Object> constants = new LinkedHashMap<>();
        constants.put("NUM_TEXT_TOKENS", config.numTextTokens());
        constants.put("NUM_AUDIO_TOKENS", config.numAudioTokens());
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("model_class", config.modelClass());
        root.put("constructor_args", args);
        root.put("constants_from_models_macros", constants);
        if (!info.isEmpty()) {
            root.put(VOXTOK, info);
        }
        return root;
    }

    /**
     * Writes the directory (created when missing).
     *
     * @param dir        target directory
     * @param config     architecture
     * @param stateDict  weights under the official keys
     * @param info       Voxtok's section of {@code config.json} (may be empty)
     * @param vocabulary a vocabulary file to copy under its own name, or {@code null}
     * @return the files written
     * @throws VoxtokException naming the file that could not be written
     */
    public static List<Path> write(Path dir, UslmConfig config, Map<String, NDArray> stateDict,
                                   Map<String, Object> info, Path vocabulary) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw VoxtokException.userInput("cannot create model directory " + dir + ": " + e.getMessage());
        }
        List<Path> out = new ArrayList<>();
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        stateDict.forEach((k, v) -> tensors.put(k, NdArrays.toTensor(v)));
        Path weights = dir.resolve(WEIGHTS);
        Path tmp = dir.resolve("." + WEIGHTS + ".tmp");
        SafetensorsWriter.write(tmp, tensors, Map.of("format", "pt", "model_class", config.modelClass()));
        AtomicFiles.moveInto(tmp, weights);
        out.add(weights);
        if (vocabulary != null) {
            Path v = dir.resolve(vocabulary.getFileName().toString());
            if (!v.toAbsolutePath().normalize().equals(vocabulary.toAbsolutePath().normalize())) {
                try {
                    byte[] bytes = Files.readAllBytes(vocabulary);
                    AtomicFiles.write(v, o -> o.write(bytes));
                } catch (IOException e) {
                    throw VoxtokException.userInput("cannot read vocabulary " + vocabulary + ": " + e.getMessage());
                }
            }
            out.add(v);
        }
        Path cfg = dir.resolve(CONFIG);
        AtomicFiles.writeString(cfg, Json.write(configJson(config, info)) + "\n");
        out.add(cfg);
        return out;
    }

    /** Voxtok's section of a model directory's {@code config.json} (empty when absent). */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> info(Path dir) {
        Path cfg = dir.resolve(CONFIG);
        if (!Files.isRegularFile(cfg)) {
            return Map.of();
        }
        Object v = Json.readObject(cfg).get(VOXTOK);
        if (v != null && !(v instanceof Map)) {
            throw VoxtokException.userInput(cfg + ": '" + VOXTOK + "' must be an object");
        }
        return v == null ? Map.of() : (Map<String, Object>) v;
    }
}
