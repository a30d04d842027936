package io.voxtok.plugin.encodec;

import io.voxtok.api.VoxtokPlugin;
import io.voxtok.api.token.TokenizerFactory;

import java.util.List;

/**
 * Entry point of the EnCodec baseline plugin, registered in {@code META-INF/services/io.voxtok.api.VoxtokPlugin}:
 * contributes the EnCodec tokenizer factory ({@code encodec}; 24 kHz and 48 kHz models).
 */
public final class EncodecPlugin implements VoxtokPlugin {
    @Override
    public List<TokenizerFactory> tokenizers() {
        return List.of(new EncodecTokenizerFactory());
    }
}
