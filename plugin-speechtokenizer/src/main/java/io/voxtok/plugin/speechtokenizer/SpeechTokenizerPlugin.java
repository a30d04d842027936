package io.voxtok.plugin.speechtokenizer;

import io.voxtok.api.VoxtokPlugin;
import io.voxtok.api.discriminator.DiscriminatorFactory;
import io.voxtok.api.token.TokenizerFactory;
import io.voxtok.plugin.speechtokenizer.spi.SpeechTokenizerTokenizerFactory;
import io.voxtok.plugin.speechtokenizer.spi.discriminator.SpeechTokenizerDiscriminatorFactory;
import java.util.List;

/** Entry point of the SpeechTokenizer plugin, registered in {@code META-INF/services/io.voxtok.api.VoxtokPlugin}. */
public final class SpeechTokenizerPlugin implements VoxtokPlugin {
    @Override
    public List<TokenizerFactory> tokenizers() {
        return List.of(new SpeechTokenizerTokenizerFactory());
    }

    /** The trainer's three discriminator families: {@code mpd}, {@code msd}, {@code mstftd}. */
    @Override
    public List<DiscriminatorFactory> discriminators() {
        return SpeechTokenizerDiscriminatorFactory.all();
    }
}
