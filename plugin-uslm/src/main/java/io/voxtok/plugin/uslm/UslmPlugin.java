package io.voxtok.plugin.uslm;

import io.voxtok.api.VoxtokPlugin;
import io.voxtok.api.lm.LanguageModelFactory;
import io.voxtok.plugin.uslm.spi.UslmLanguageModelFactory;
import java.util.List;

/**
 * Entry point of the USLM plugin, registered in {@code META-INF/services/io.voxtok.api.VoxtokPlugin}: the
 * {@code uslm} and {@code valle} language models.
 */
public final class UslmPlugin implements VoxtokPlugin {
    @Override
    public List<LanguageModelFactory> languageModels() {
        return List.of(UslmLanguageModelFactory.uslm(), UslmLanguageModelFactory.valle());
    }
}
