package io.voxtok.plugin.uslm.spi;

import io.voxtok.api.ComponentConfig;
import io.voxtok.api.VoxtokException;
import io.voxtok.plugin.uslm.config.FirstStepEosPolicy;
import io.voxtok.plugin.uslm.config.NarStageDraw;
import io.voxtok.plugin.uslm.config.UslmOptions;
import java.util.Locale;
import java.util.Set;

/**
 * The {@code -O key=value} options of the {@code uslm} / {@code valle} components. Immutable.
 *
 * <ul>
 *   <li>{@code kv-cache=true|false}: KV-cached AR loop (default) or the official uncached one (same tokens)</li>
 *   <li>{@code first-step-eos=fail|empty}: official error, or an empty result, when the AR stops at once</li>
 *   <li>{@code tied-nar-offset-fix}, {@code ar-loss-ignores-padding}, {@code nar-stage-draw=official|uniform-1-7}:
 *       the fixes of {@link UslmOptions}</li>
 *   <li>{@code random-init=true} with {@code config=FILE} (a config.json) and {@code seed=N}: random weights instead
 *       of a model directory, for speed measurements only</li>
 *   <li>{@code suppress-eos=true}: never stop on EOS (fixed-length speed measurements only)</li>
 *   <li>{@code vocab=FILE}: the text vocabulary ({@code unique_text_tokens.k2symbols} of the token corpus the model
 *       was trained on) for generation from text; default {@code unique_text_tokens.k2symbols} in the model
 *       directory, if there is one</li>
 *   <li>{@code espeak=PROGRAM}: the espeak-ng program name looked up on {@code PATH} (default {@code espeak-ng})</li>
 *   <li>{@code tokenizer-check=false}: accept prompt tokens of other tokenizer weights than those the model directory
 *       says it was trained on (default: refused)</li>
 * </ul>
 *
 * @param model      behaviour switches (defaults: the official behaviour)
 * @param kvCache    use the KV-cached AR loop
 * @param randomInit random weights from {@code config} instead of a model directory
 * @param config     configuration file for {@code randomInit}, or null
 * @param seed       weight seed for {@code randomInit}
 * @param suppressEos never stop on EOS
 * @param vocab      text vocabulary file, or null (then the model directory's, if any)
 * @param espeak     espeak-ng program name
 * @param tokenizerCheck refuse prompt tokens of other weights than the model's training tokenizer
 */
public record UslmLanguageModelOptions(UslmOptions model, boolean kvCache, boolean randomInit, java.nio.file.Path config,
                                       long seed, boolean suppressEos, java.nio.file.Path vocab, String espeak,
                                       boolean tokenizerCheck) {
    /** The vocabulary file name {@code voxtok lm prepare} writes and a model directory may hold. */
    public static final String VOCAB_FILE = "unique_text_tokens.k2symbols";

    /** Every accepted key. */
    public static final Set<String> KEYS = Set.of("kv-cache", "first-step-eos", "tied-nar-offset-fix",
            "ar-loss-ignores-padding", "nar-stage-draw", "random-init", "config", "seed", "suppress-eos", "vocab", "espeak", "tokenizer-check");

    /**
     * Parses the properties.
     *
     * @throws VoxtokException naming an unknown key or a bad value
     */
    public static UslmLanguageModelOptions parse(ComponentConfig config) {
        config.requireKnownKeys(KEYS);
        UslmOptions o = UslmOptions.official()
                .withTiedNarOffsetFix(bool(config, "tied-nar-offset-fix", false))
                .withArLossIgnoresPadding(bool(config, "ar-loss-ignores-padding", false));
        String eos = config.get("first-step-eos").orElse("fail").toLowerCase(Locale.ROOT);
        o = o.withFirstStepEos(switch (eos) {
            case "fail" -> FirstStepEosPolicy.FAIL;
            case "empty" -> FirstStepEosPolicy.RETURN_EMPTY;
            default -> throw VoxtokException.userInput("option first-step-eos must be 'fail' or 'empty', got '" + eos + "'");
        });
        String draw = config.get("nar-stage-draw").orElse("official").toLowerCase(Locale.ROOT);
        o = o.withNarStageDraw(switch (draw) {
            case "official" -> NarStageDraw.STAGE1_PLUS_UNIFORM_2_7;
            case "uniform-1-7" -> NarStageDraw.UNIFORM_1_7;
            default -> throw VoxtokException.userInput("option nar-stage-draw must be 'official' or 'uniform-1-7', got '"
                    + draw + "'");
        });
        boolean random = bool(config, "random-init", false);
        java.nio.file.Path cfg = config.get("config").map(java.nio.file.Path::of).orElse(null);
        if (random && cfg == null) {
            throw VoxtokException.userInput("option random-init=true needs config=FILE (a USLM config.json)");
        }
        long seed;
        try {
            seed = Long.parseLong(config.get("seed").orElse("0"));
        } catch (NumberFormatException e) {
            throw VoxtokException.userInput("option seed must be an integer, got '" + config.get("seed").orElse("") + "'");
        }
        java.nio.file.Path vocab = config.get("vocab").map(java.nio.file.Path::of).orElse(null);
        if (vocab == null && !random && config.model().isPresent()) {
            java.nio.file.Path inModel = config.model().get().resolve(VOCAB_FILE);
            vocab = java.nio.file.Files.isRegularFile(inModel) ? inModel : null;
        }
        String espeak = config.get("espeak").orElse("espeak-ng");
        if (espeak.isBlank() || espeak.contains("/")) {
            throw VoxtokException.userInput("option espeak must be a program name looked up on PATH, got '" + espeak + "'");
        }
        return new UslmLanguageModelOptions(o, bool(config, "kv-cache", true), random, cfg, seed,
                bool(config, "suppress-eos", false), vocab, espeak, bool(config, "tokenizer-check", true));
    }

    private static boolean bool(ComponentConfig c, String key, boolean def) {
        String v = c.get(key).orElse(null);
        if (v == null) {
            return def;
        }
        return switch (v.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "1" -> true;
            case "false", "no", "0" -> false;
            default -> throw VoxtokException.userInput("option " + key + " must be true or false, got '" + v + "'");
        };
    }
}
