package io.voxtok.plugin.uslm.model;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import io.voxtok.api.VoxtokException;
import io.voxtok.modelio.StateDict;
import io.voxtok.nn.ParameterLoader;
import io.voxtok.plugin.uslm.config.UslmConfig;
import io.voxtok.plugin.uslm.config.UslmOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A loaded network and the manager that owns its weights. A model directory holds {@code config.json} (the
 * fixture's format, see {@link UslmConfig#read}) and {@code model.pt} (a {@code torch.save}d state dict, or a
 * checkpoint dict with the state dict under {@code "model"} like {@code bin/infer.py} reads) or
 * {@code model.safetensors}. Thread-safe for concurrent inference; closes its weights in {@link #close()}.
 */
public final class UslmModel implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(UslmModel.class);
    private static final String PROBE = "ar_text_embedding.word_embeddings.weight";

    private final NDManager manager;
    private final UslmNetwork network;

    private UslmModel(NDManager manager, UslmNetwork network) {
        this.manager = manager;
        this.network = network;
    }

    /**
     * Loads a model directory.
     *
     * @throws VoxtokException naming the directory or file and the problem
     */
    public static UslmModel load(Path dir, UslmOptions options) {
        if (!Files.isDirectory(dir)) {
            throw VoxtokException.userInput("USLM model directory " + dir + " does not exist or is not a directory");
        }
        Path cfgFile = dir.resolve("config.json");
        if (!Files.isRegularFile(cfgFile)) {
            throw VoxtokException.userInput("USLM model directory " + dir + " has no config.json");
        }
        UslmConfig config = UslmConfig.read(cfgFile);
        Path weights = dir.resolve("model.pt");
        if (!Files.isRegularFile(weights)) {
            weights = dir.resolve("model.safetensors");
        }
        if (!Files.isRegularFile(weights)) {
            throw VoxtokException.userInput("USLM model directory " + dir + " has neither model.pt nor model.safetensors");
        }
        return load(config, StateDict.read(weights), options);
    }

    /** Builds from a configuration and a state dict (flat, or nested under {@code "model."}). */
    public static UslmModel load(UslmConfig config, StateDict dict, UslmOptions options) {
        StateDict sd = dict;
        if (!sd.contains(PROBE) && sd.contains("model." + PROBE)) {
            sd = sd.subDict("model.");
        } else if (!sd.contains(PROBE)) {
            throw VoxtokException.userInput("checkpoint " + dict.source() + " holds no USLM/VALL-E state dict (no '"
                    + PROBE + "', neither at the top level nor under 'model')");
        }
        NDManager manager = Engine.getEngine("PyTorch").newBaseManager();
        try {
            UslmNetwork net = UslmNetwork.build(config, options,
                    new ParameterLoader(sd, manager, config.modelClass()));
            LOG.debug("loaded {} (d={}, heads={}, layers={}) from {}", config.modelClass(), config.dModel(),
                    config.nhead(), config.numLayers(), dict.source());
            return new UslmModel(manager, net);
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    /**
     * A randomly initialised model (uniform weights scaled by {@code 1/sqrt(fan-in)}, norms at 1/0, alphas 1), for
     * benchmarks and tests; deterministic per seed.
     */
    public static UslmModel random(UslmConfig config, UslmOptions options, long seed) {
        Random rng = new Random(seed);
        NDManager manager = Engine.getEngine("PyTorch").newBaseManager();
        try {
            ParameterLoader loader = ParameterLoader.initializing(manager, config.modelClass(), (key, shape) -> {
                int count = 1;
                for (long s : shape) {
                    count = Math.multiplyExact(count, Math.toIntExact(s));
                }
                float[] v = new float[count];
                boolean norm = key.contains("norm") && !key.contains("project_layer");
                if (key.endsWith("alpha")) {
                    java.util.Arrays.fill(v, 1f);
                } else if (norm && key.endsWith("weight")) {
                    java.util.Arrays.fill(v, 1f);
                } else if (!(norm && key.endsWith("bias"))) {
                    float scale = (float) (1.0 / Math.sqrt(shape[shape.length - 1]));
                    for (int i = 0; i < count; i++) {
                        v[i] = (rng.nextFloat() * 2f - 1f) * scale;
                    }
                }
                return v;
            });
            return new UslmModel(manager, UslmNetwork.build(config, options, loader));
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    /** The network. */
    public UslmNetwork network() {
        return network;
    }

    /** The architecture. */
    public UslmConfig config() {
        return network.config();
    }

    /** The manager owning the weights. */
    public NDManager manager() {
        return manager;
    }

    @Override
    public void close() {
        manager.close();
    }
}
