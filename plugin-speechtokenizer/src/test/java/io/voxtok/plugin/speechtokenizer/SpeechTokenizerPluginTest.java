package io.voxtok.plugin.speechtokenizer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.voxtok.api.ComponentId;
import io.voxtok.api.backend.BackendKind;
import io.voxtok.api.discriminator.DiscriminatorFactory;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What {@code voxtok plugins} lists for this plugin. */
class SpeechTokenizerPluginTest {
    @Test
    void listsTheTokenizerAndTheTrainersThreeDiscriminators() {
        SpeechTokenizerPlugin p = new SpeechTokenizerPlugin();
        assertEquals(List.of(ComponentId.of("speechtokenizer")), p.tokenizers().stream().map(f -> f.id()).toList());
        List<DiscriminatorFactory> discs = p.discriminators();
        assertEquals(List.of(ComponentId.of("mpd"), ComponentId.of("msd"), ComponentId.of("mstftd")),
                discs.stream().map(DiscriminatorFactory::id).toList());
        for (DiscriminatorFactory f : discs) {
            assertFalse(f.description().isBlank(), f.id().toString());
            assertEquals(Set.of(BackendKind.PYTORCH), f.supportedBackends());
        }
    }
}
