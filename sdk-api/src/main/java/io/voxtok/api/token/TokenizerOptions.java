package io.voxtok.api.token;

/**
 * Well-known {@link io.voxtok.api.ComponentConfig} property names that tokenizers with weights understand, so
 * tools such as {@code voxtok bench speed} can ask for them without knowing the plugin.
 */
public final class TokenizerOptions {
    /** {@code "true"}: build the model from its configuration with seeded random weights (speed tests only). */
    public static final String RANDOM_INIT = "randomInit";
    /** Path of a model configuration file (e.g. the official {@code config.json}) used with random init. */
    public static final String CONFIG_FILE = "config";
    /** Seed for random init. */
    public static final String SEED = "seed";

    private TokenizerOptions() {
    }
}
