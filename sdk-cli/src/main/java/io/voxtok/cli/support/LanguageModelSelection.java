package io.voxtok.cli.support;

import io.voxtok.api.ComponentConfig;
import io.voxtok.api.VoxtokException;
import io.voxtok.api.lm.LanguageModel;
import io.voxtok.modelio.Json;
import io.voxtok.runtime.VoxtokRuntime;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * {@code --lm NAME|DIR [--lm-type uslm|valle] [--vocab FILE] [--lm-option KEY=VALUE]}: which speech language model
 * to load for text-to-speech. {@code --lm} is a model directory ({@code config.json} + weights) or the name of a
 * shipped / {@code VOXTOK_MODELS} model; the component ({@code uslm} or {@code valle}) follows the directory's
 * {@code config.json} ({@code model_class} {@code VALLE} gives {@code valle}, anything else {@code uslm}) unless
 * {@code --lm-type} names it. The text vocabulary is {@code --vocab}, else the model directory's
 * {@code unique_text_tokens.k2symbols}. Without {@code --lm}, {@code --lm-option random-init=true --lm-option
 * config=FILE} gives random weights (tests, speed measurements).
 */
public final class LanguageModelSelection {
    /** The default language model component. */
    public static final String DEFAULT = "uslm";

    @Option(names = "--lm", paramLabel = "NAME|DIR",
            description = "language model: a model directory (config.json + model.pt or model.safetensors) or a "
                    + "shipped model's name (see 'voxtok models')")
    public Path lm;

    @Option(names = "--lm-type", paramLabel = "uslm|valle",
            description = "language model component (default: from config.json's model_class: VALLE -> valle, "
                    + "else uslm)")
    public String lmType;

    @Option(names = "--vocab", paramLabel = "K2SYMBOLS",
            description = "text vocabulary (unique_text_tokens.k2symbols of the token corpus the model was trained "
                    + "on; default: that file in the --lm directory)")
    public Path vocab;

    @Option(names = "--lm-option", paramLabel = "KEY=VALUE",
            description = "language model option (repeatable), e.g. kv-cache=false, espeak=PROGRAM")
    public Map<String, String> options = new LinkedHashMap<>();

    /** The component name this selection creates. */
    public String componentName(Optional<Path> modelDir) {
        if (lmType != null) {
            String t = lmType.toLowerCase(Locale.ROOT);
            if (!t.equals("uslm") && !t.equals("valle")) {
                throw VoxtokException.userInput("--lm-type must be uslm or valle, got '" + lmType + "'");
            }
            return t;
        }
        if (modelDir.isEmpty()) {
            return "uslm";
        }
        Path cfg = modelDir.get().resolve("config.json");
        if (!Files.isRegularFile(cfg)) {
            throw VoxtokException.userInput("language model directory " + modelDir.get() + " has no config.json");
        }
        return of(null, modelDir.get());
    }

    /**
     * The language model component for {@code modelDir}: {@code explicit} when given, else the one its
     * {@code config.json} names ({@code model_class} {@code VALLE} means {@code valle}, anything else, or no
     * configuration, {@code uslm}).
     *
     * @param explicit a component name, or {@code null}
     * @param modelDir a model directory (it may not exist: the component then reports it)
     */
    public static String of(String explicit, Path modelDir) {
        if (explicit != null) {
            return explicit;
        }
        Path cfg = modelDir.resolve("config.json");
        if (!Files.isRegularFile(cfg)) {
            return DEFAULT;
        }
        Map<String, Object> o;
        try {
            o = Json.readObject(cfg);
        } catch (RuntimeException e) {
            throw VoxtokException.userInput(cfg + ": not readable JSON: " + e.getMessage());
        }
        return "VALLE".equalsIgnoreCase(String.valueOf(o.get("model_class"))) ? "valle" : DEFAULT;
    }

    /** The resolved model directory, if {@code --lm} was given. */
    public Optional<Path> modelDirectory() {
        if (lm == null) {
            boolean random = "true".equalsIgnoreCase(options.getOrDefault("random-init", "false"));
            if (!random) {
                throw VoxtokException.userInput("--lm NAME|DIR is required (a language model directory or shipped "
                        + "model name)");
            }
            return Optional.empty();
        }
        Path dir = RuntimeOptions.resolveModel(lm);
        if (!Files.isDirectory(dir)) {
            throw VoxtokException.userInput("language model " + lm + " is neither a directory nor a known model name "
                    + "(see 'voxtok models')");
        }
        return Optional.of(dir.toAbsolutePath());
    }

    /** Creates the language model (owned and closed by the runtime). */
    public LanguageModel create(VoxtokRuntime rt) {
        Optional<Path> dir = modelDirectory();
        Map<String, String> o = new LinkedHashMap<>(options);
        if (vocab != null) {
            if (!Files.isRegularFile(vocab)) {
                throw VoxtokException.userInput("--vocab " + vocab + " does not exist or is not a file");
            }
            o.put("vocab", vocab.toAbsolutePath().toString());
        }
        if (o.containsKey("config")) {
            o.put("config", Path.of(o.get("config")).toAbsolutePath().toString());
        }
        return rt.createLanguageModel(componentName(dir), new ComponentConfig(o, dir));
    }

    /** A short description for reports: the model argument or "random". */
    public String describe() {
        return lm != null ? lm.toString() : "random-init " + options.getOrDefault("config", "");
    }
}
