package io.voxtok.plugin.hubert.model;

import io.voxtok.api.VoxtokException;
import io.voxtok.modelio.StateDict;
import io.voxtok.plugin.hubert.config.HubertConfig;
import io.voxtok.plugin.hubert.config.PreprocessorConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The files of a HuBERT model a user brings: a directory with {@code config.json}, optionally
 * {@code preprocessor_config.json}, and weights ({@code model.safetensors}, {@code pytorch_model.bin},
 * {@code model.pt}, or a single other {@code *.pt} such as fairseq's {@code hubert_base_ls960.pt}) and/or
 * {@code model.onnx}. A path to a weights file means that file, with the other files next to it.
 *
 * <p>A fairseq checkpoint may come without {@code config.json} only when its shapes are those of HuBERT base
 * (the head count and layer-norm placement are not in the weights; the base model has 12 heads, post-LN).
 * Immutable.
 */
public final class HubertModelDirectory {
    private static final Logger LOG = LoggerFactory.getLogger(HubertModelDirectory.class);
    private static final List<String> WEIGHT_NAMES = List.of("model.safetensors", "pytorch_model.bin", "model.pt");

    private final Path directory;
    private final Path weightsFile;

    private HubertModelDirectory(Path directory, Path weightsFile) {
        this.directory = directory;
        this.weightsFile = weightsFile;
    }

    /**
     * Locates the model files.
     *
     * @throws VoxtokException USER_INPUT when the path does not exist
     */
    public static HubertModelDirectory open(Path path) {
        if (Files.isDirectory(path)) {
            return new HubertModelDirectory(path, null);
        }
        if (Files.isRegularFile(path)) {
            Path parent = path.toAbsolutePath().getParent();
            return new HubertModelDirectory(parent, path.getFileName().toString().endsWith(".onnx") ? null : path);
        }
        throw VoxtokException.userInput("HuBERT model " + path + " does not exist (expected a directory with config.json"
                + " and model.safetensors, pytorch_model.bin, model.pt, a fairseq .pt or model.onnx)");
    }

    /** The directory. */
    public Path directory() {
        return directory;
    }

    /** {@code preprocessor_config.json}, or raw 16 kHz input when there is none. */
    public PreprocessorConfig preprocessing() {
        return PreprocessorConfig.readOrDefault(directory);
    }

    /** {@code config.json}, if present. */
    public Optional<HubertConfig> configFile() {
        Path f = directory.resolve("config.json");
        return Files.isRegularFile(f) ? Optional.of(HubertConfig.read(f)) : Optional.empty();
    }

    /**
     * The architecture from {@code config.json}.
     *
     * @throws VoxtokException USER_INPUT when there is none
     */
    public HubertConfig config() {
        return configFile().orElseThrow(() -> VoxtokException.userInput("HuBERT model directory " + directory
                + " has no config.json (the Hugging Face HubertConfig of the model)"));
    }

    /** The ONNX export, {@code model.onnx}. */
    public Path onnxFile() {
        Path f = directory.resolve("model.onnx");
        if (!Files.isRegularFile(f)) {
            throw VoxtokException.userInput("HuBERT model directory " + directory + " has no model.onnx (needed for the"
                    + " ONNX Runtime backend)");
        }
        return f;
    }

    /**
     * The weights file.
     *
     * @throws VoxtokException USER_INPUT when there is none or the choice is ambiguous
     */
    public Path weightsFile() {
        if (weightsFile != null) {
            return weightsFile;
        }
        for (String n : WEIGHT_NAMES) {
            Path f = directory.resolve(n);
            if (Files.isRegularFile(f)) {
                return f;
            }
        }
        List<Path> pts;
        try (Stream<Path> s = Files.list(directory)) {
            pts = s.filter(p -> p.getFileName().toString().endsWith(".pt") && Files.isRegularFile(p)).sorted().toList();
        } catch (IOException e) {
            throw VoxtokException.userInput("cannot list " + directory + ": " + e.getMessage());
        }
        if (pts.size() == 1) {
            return pts.get(0);
        }
        throw VoxtokException.userInput("HuBERT model directory " + directory + (pts.isEmpty() ? " has no weights" : " has several .pt files " + pts)
                + ": expected one of " + WEIGHT_NAMES + " or a single fairseq .pt");
    }

    /**
     * Reads, renames ({@link HubertKeyMapper}) and checks the weights against the architecture.
     *
     * @throws VoxtokException USER_INPUT naming the file for missing or unexpected tensors or wrong shapes
     */
    public HubertCheckpoint load() {
        Path file = weightsFile();
        StateDict raw = StateDict.read(file);
        StateDict canonical = HubertKeyMapper.toCanonical(raw);
        HubertKeyMapper.Layout layout = HubertKeyMapper.detect(HubertKeyMapper.stripContainer(raw).keys());
        HubertConfig cfg;
        Optional<HubertConfig> fromFile = configFile();
        if (fromFile.isPresent()) {
            cfg = fromFile.get();
        } else if (layout == HubertKeyMapper.Layout.FAIRSEQ && looksLikeBase(canonical)) {
            LOG.info("{}: no config.json; the fairseq checkpoint has HuBERT base shapes, using the base configuration", file);
            cfg = HubertConfig.base();
        } else {
            throw VoxtokException.userInput("HuBERT model directory " + directory + " has no config.json (the Hugging Face"
                    + " HubertConfig of the model; only a fairseq HuBERT base checkpoint can do without it)");
        }
        canonical.checkKeys(HubertKeyMapper.expectedKeys(cfg), HubertKeyMapper.IGNORABLE);
        return new HubertCheckpoint(cfg, canonical, layout);
    }

    private static boolean looksLikeBase(StateDict sd) {
        HubertConfig b = HubertConfig.base();
        return sd.find("feature_projection.projection.weight").map(t -> t.shape()[0] == b.hiddenSize() && t.shape()[1] == 512).orElse(false)
                && sd.contains("encoder.layers." + (b.numHiddenLayers() - 1) + ".final_layer_norm.weight")
                && !sd.contains("encoder.layers." + b.numHiddenLayers() + ".final_layer_norm.weight");
    }
}
