package io.voxtok.plugin.uslm.config;

import io.voxtok.api.VoxtokException;
import io.voxtok.modelio.Json;
import java.nio.file.Path;
import java.util.Map;

/**
 * Architecture of a USLM or VALL-E model: the official constructor arguments ({@code constructor_args} of the
 * model directory's {@code config.json}) plus the two table sizes that the official code reads from
 * {@code models/macros.py}. Immutable.
 *
 * <p>Only the configuration of the released checkpoint is implemented ({@code norm_first = true},
 * {@code add_prenet = false}, {@code prefix_mode = 0}, {@code prepend_bos = false}, {@code nar_scale_factor = 1},
 * 8 quantizers); {@link #validate(String)} refuses the others by name rather than computing something else.
 *
 * @param modelClass     {@code USLM} or {@code VALLE} (identical code in the fork; kept for messages)
 * @param dModel         model width
 * @param nhead          attention heads
 * @param numLayers      layers of the AR and of the NAR decoder
 * @param normFirst      pre-LN layers
 * @param addPrenet      prenets (unsupported: must be false)
 * @param prefixMode     NAR prefix mode (only 0 is supported)
 * @param shareEmbedding NAR prediction layers tied to NAR audio embeddings
 * @param narScaleFactor NAR size factor (only 1.0)
 * @param prependBos     audio BOS (unsupported: must be false)
 * @param numQuantizers  RVQ layers (8)
 * @param numTextTokens  text vocabulary rows ({@code NUM_TEXT_TOKENS} = 512)
 * @param numAudioTokens audio codebook size ({@code NUM_AUDIO_TOKENS} = 1024, also the EOS/PAD id)
 */
public record UslmConfig(String modelClass, int dModel, int nhead, int numLayers, boolean normFirst,
                         boolean addPrenet, int prefixMode, boolean shareEmbedding, double narScaleFactor,
                         boolean prependBos, int numQuantizers, int numTextTokens, int numAudioTokens) {

    /** The official text vocabulary size. */
    public static final int NUM_TEXT_TOKENS = 512;
    /** The official audio codebook size; also the EOS and PAD id of RVQ-1. */
    public static final int NUM_AUDIO_TOKENS = 1024;

    /** Validates the ranges (not the supported subset: see {@link #validate(String)}). */
    public UslmConfig {
        if (dModel <= 0 || nhead <= 0 || dModel % nhead != 0 || numLayers <= 0 || numQuantizers < 2
                || numTextTokens <= 0 || numAudioTokens <= 1) {
            throw new IllegalArgumentException("invalid USLM configuration d_model=" + dModel + " nhead=" + nhead
                    + " num_layers=" + numLayers + " num_quantizers=" + numQuantizers);
        }
    }

    /** The released-checkpoint configuration with the given size (SPEC 6.1: 1024, 16, 12). */
    public static UslmConfig released(String modelClass, int dModel, int nhead, int numLayers) {
        return new UslmConfig(modelClass, dModel, nhead, numLayers, true, false, 0, true, 1.0, false, 8,
                NUM_TEXT_TOKENS, NUM_AUDIO_TOKENS);
    }

    /** The EOS (and RVQ-1 PAD) id. */
    public int eosId() {
        return numAudioTokens;
    }

    /** Width of one attention head. */
    public int headDim() {
        return dModel / nhead;
    }

    /** NAR stages (RVQ-2 .. RVQ-n). */
    public int narStages() {
        return numQuantizers - 1;
    }

    /**
     * Reads {@code config.json}: either the fixture format ({@code {"model_class": ..., "constructor_args": {...}}})
     * or a bare object of constructor arguments.
     *
     * @throws VoxtokException naming the file and the missing or unsupported entry
     */
    public static UslmConfig read(Path file) {
        Map<String, Object> root = Json.readObject(file);
        String cls = root.get("model_class") instanceof String s ? s : "USLM";
        Object argsObj = root.getOrDefault("constructor_args", root);
        if (!(argsObj instanceof Map<?, ?> args)) {
            throw VoxtokException.userInput(file + ": 'constructor_args' must be an object");
        }
        Map<?, ?> constants = root.get("constants_from_models_macros") instanceof Map<?, ?> m ? m : Map.of();
        UslmConfig c;
        try {
            c = new UslmConfig(cls,
                    intArg(file, args, "d_model", null), intArg(file, args, "nhead", null),
                    intArg(file, args, "num_layers", null),
                    boolArg(file, args, "norm_first", true), boolArg(file, args, "add_prenet", false),
                    intArg(file, args, "prefix_mode", 0), boolArg(file, args, "share_embedding", true),
                    doubleArg(file, args, "nar_scale_factor", 1.0), boolArg(file, args, "prepend_bos", false),
                    intArg(file, args, "num_quantizers", 8),
                    intArg(file, constants, "NUM_TEXT_TOKENS", NUM_TEXT_TOKENS),
                    intArg(file, constants, "NUM_AUDIO_TOKENS", NUM_AUDIO_TOKENS));
        } catch (IllegalArgumentException e) {
            // Negative or inconsistent sizes come from the file: a user-input error naming it, not a crash.
            throw VoxtokException.userInput(file + ": " + e.getMessage());
        }
        c.validate(file.toString());
        return c;
    }

    /**
     * Refuses configurations this implementation does not compute.
     *
     * @param source file name for the message
     */
    public void validate(String source) {
        String bad = null;
        if (!normFirst) {
            bad = "norm_first=false (post-LN) is not implemented";
        } else if (addPrenet) {
            bad = "add_prenet=true is not implemented";
        } else if (prefixMode != 0) {
            bad = "prefix_mode=" + prefixMode + " is not implemented (the release uses 0)";
        } else if (prependBos) {
            bad = "prepend_bos=true is not implemented";
        } else if (narScaleFactor != 1.0) {
            bad = "nar_scale_factor=" + narScaleFactor + " is not implemented (the release uses 1.0)";
        } else if (numQuantizers != 8) {
            bad = "num_quantizers=" + numQuantizers + " is not implemented (8)";
        } else if (!"USLM".equals(modelClass) && !"VALLE".equals(modelClass)) {
            bad = "model_class '" + modelClass + "' is neither USLM nor VALLE";
        }
        if (bad == null) {
            bad = sizeProblem();
        }
        if (bad != null) {
            throw VoxtokException.userInput(source + ": " + bad);
        }
    }

    /** Most parameters a configuration may describe: 4 GB of float32, about 3 times the released USLM (3e8). */
    static final double MAX_PARAMETERS = 1e9;

    /**
     * Sizes far beyond any released model: a config asking for them would allocate gigabytes or compute for
     * minutes before anything else could fail. The estimate counts both decoders (about 12 d^2 per layer) and the
     * embeddings and prediction heads.
     */
    private String sizeProblem() {
        if (dModel > 16384) {
            return "d_model=" + dModel + " is more than the 16384 accepted";
        }
        if (nhead > 1024) {
            return "nhead=" + nhead + " is more than the 1024 accepted";
        }
        if (numLayers > 256) {
            return "num_layers=" + numLayers + " is more than the 256 accepted";
        }
        if (numTextTokens > 1 << 20 || numAudioTokens > 1 << 20) {
            return "NUM_TEXT_TOKENS=" + numTextTokens + " / NUM_AUDIO_TOKENS=" + numAudioTokens
                    + " is more than the " + (1 << 20) + " accepted";
        }
        double d = dModel;
        double parameters = 2.0 * numLayers * 12 * d * d
                + d * (2.0 * numTextTokens + 2.0 * numQuantizers * (numAudioTokens + 1));
        if (parameters > MAX_PARAMETERS) {
            return String.format("d_model, num_layers and the vocabularies describe a model of about %.3g "
                    + "parameters, more than the %.3g accepted", parameters, MAX_PARAMETERS);
        }
        return null;
    }

    private static int intArg(Path file, Map<?, ?> args, String key, Integer def) {
        Object v = args.get(key);
        if (v == null) {
            if (def == null) {
                throw VoxtokException.userInput(file + ": missing constructor argument '" + key + "'");
            }
            return def;
        }
        if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
            return n.intValue();
        }
        throw VoxtokException.userInput(file + ": '" + key + "' must be an integer, got " + v);
    }

    private static double doubleArg(Path file, Map<?, ?> args, String key, double def) {
        Object v = args.get(key);
        if (v == null) {
            return def;
        }
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        throw VoxtokException.userInput(file + ": '" + key + "' must be a number, got " + v);
    }

    private static boolean boolArg(Path file, Map<?, ?> args, String key, boolean def) {
        Object v = args.get(key);
        if (v == null) {
            return def;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        throw VoxtokException.userInput(file + ": '" + key + "' must be true or false, got " + v);
    }
}
