package io.voxtok.nn.seanet;

import io.voxtok.nn.ParameterLoader;
import io.voxtok.nn.StateDictBlock;
import io.voxtok.nn.activation.Elu;
import io.voxtok.nn.activation.Snake;

/** The activation used at every activation site of a SEANet. */
public enum SeanetActivation {
    /** {@code ELU(alpha = 1)}, no parameters. */
    ELU,
    /** Snake with a learned {@code alpha [1, C, 1]} per site (key {@code <site>.alpha}). */
    SNAKE;

    /**
     * Parses the name used in configuration files ({@code "ELU"} or {@code "Snake"}, case-insensitive).
     *
     * @throws IllegalArgumentException for any other name
     */
    public static SeanetActivation parse(String name) {
        if ("elu".equalsIgnoreCase(name)) {
            return ELU;
        }
        if ("snake".equalsIgnoreCase(name)) {
            return SNAKE;
        }
        throw new IllegalArgumentException("unsupported activation '" + name + "' (supported: ELU, Snake)");
    }

    /**
     * Builds the activation of one site.
     *
     * @param prefix   the site's key prefix with trailing dot, e.g. {@code "encoder.model.2."}
     * @param channels channels at that site
     */
    StateDictBlock load(ParameterLoader loader, String prefix, int channels) {
        return this == ELU ? new Elu(1.0f) : Snake.load(loader, prefix + "alpha", channels);
    }
}
