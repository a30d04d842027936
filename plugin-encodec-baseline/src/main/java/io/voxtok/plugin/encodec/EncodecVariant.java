package io.voxtok.plugin.encodec;

import io.voxtok.api.ComponentId;
import io.voxtok.plugin.encodec.model.EncodecConfig;

/**
 * The EnCodec tokenizer names the plugin registers, one factory each, and which models each accepts. The bare name
 * {@code encodec} resolves to {@link #BY_MODEL} (the registry picks the {@code default} variant), which lets the
 * model choose, as it always has; {@code encodec:24khz} and {@code encodec:48khz} insist on their layout and refuse a
 * model of the other one.
 */
public enum EncodecVariant {
    /** {@code encodec:default}: the layout the model has; random weights default to the 24 kHz model. */
    BY_MODEL("default", EncodecConfig.ENCODEC_24KHZ, "the model's layout: 24 kHz mono causal or 48 kHz stereo "
            + "segmented"),
    /** {@code encodec:24khz}: the causal, mono, unsegmented layout (the official 24 kHz model). */
    MONO_24KHZ("24khz", EncodecConfig.ENCODEC_24KHZ, "the 24 kHz layout: causal, mono, unsegmented"),
    /** {@code encodec:48khz}: the segmented, loudness-normalised layout (the official 48 kHz model). */
    STEREO_48KHZ("48khz", EncodecConfig.ENCODEC_48KHZ, "the 48 kHz layout: segmented, loudness-normalised");

    private final ComponentId id;
    private final String defaultConfig;
    private final String layout;

    EncodecVariant(String variant, String defaultConfig, String layout) {
        this.id = new ComponentId("encodec", variant);
        this.defaultConfig = defaultConfig;
        this.layout = layout;
    }

    /** The factory's component id. */
    public ComponentId id() {
        return id;
    }

    /** The configuration random weights use when no {@code config} option is given. */
    public String defaultConfig() {
        return defaultConfig;
    }

    /** The layout this variant accepts, in words, for error messages. */
    public String layout() {
        return layout;
    }

    /** Whether a model of this configuration may be served under this variant's name. */
    public boolean accepts(EncodecConfig config) {
        return switch (this) {
            case BY_MODEL -> true;
            case MONO_24KHZ -> !config.segmented();
            case STEREO_48KHZ -> config.segmented();
        };
    }
}
