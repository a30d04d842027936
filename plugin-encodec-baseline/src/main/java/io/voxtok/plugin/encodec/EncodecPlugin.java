package io.voxtok.plugin.encodec;

import io.voxtok.api.VoxtokPlugin;
import io.voxtok.api.token.TokenizerFactory;

import java.util.List;

/**
 * Entry point of the EnCodec baseline plugin, registered in {@code META-INF/services/io.voxtok.api.VoxtokPlugin}:
 * contributes one EnCodec tokenizer factory per {@link EncodecVariant}: {@code encodec:default} (the bare name
 * {@code encodec}; the model chooses 24 or 48 kHz), {@code encodec:24khz} and {@code encodec:48khz}.
 */
public final class EncodecPlugin implements VoxtokPlugin {
    @Override
    public List<TokenizerFactory> tokenizers() {
        return java.util.Arrays.stream(EncodecVariant.values())
                .<TokenizerFactory>map(EncodecTokenizerFactory::new).toList();
    }
}
