package io.voxtok.plugin.encodec.model;

import io.voxtok.api.VoxtokException;

/** The normalisation of every SEANet convolution of an EnCodec model ({@code model_norm}, SPEC 4.1). */
public enum ConvNorm {
    /** {@code weight_norm}: weights stored as {@code weight_g}/{@code weight_v} (24 kHz model). */
    WEIGHT_NORM("weight_norm"),
    /** {@code time_group_norm}: plain weights, then {@code GroupNorm(1, C)} after each convolution (48 kHz model). */
    TIME_GROUP_NORM("time_group_norm");

    private final String configName;

    ConvNorm(String configName) {
        this.configName = configName;
    }

    /** The name used by the official code and the Hugging Face config. */
    public String configName() {
        return configName;
    }

    /**
     * Parses {@code weight_norm} or {@code time_group_norm}.
     *
     * @throws VoxtokException (USER_INPUT) for other names, which no released EnCodec uses
     */
    public static ConvNorm parse(String name, String source) {
        for (ConvNorm n : values()) {
            if (n.configName.equals(name)) {
                return n;
            }
        }
        throw VoxtokException.userInput(source + ": unsupported convolution norm '" + name
                + "' (supported: weight_norm, time_group_norm)");
    }
}
