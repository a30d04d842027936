package io.voxtok.cli.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.voxtok.training.TrainingRecipe;
import io.voxtok.training.TrainingRequest;
import io.voxtok.training.TrainingResult;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Finding and listing recipes. */
class TrainingRecipesTest {
    private record Fake(String name, String description) implements TrainingRecipe {
        @Override
        public TrainingResult train(TrainingRequest request) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<Path> exportOfficial(Path runDir, Path modelDir, boolean best) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Map<String, Object> benchmarkStep(Path config, int warmup, int repeats) {
            throw new UnsupportedOperationException();
        }
    }

    private final TrainingRecipe a = new Fake("speechtokenizer", "SpeechTokenizer: official trainer");
    private final TrainingRecipe b = new Fake("encodec", "EnCodec");

    @Test
    void findsByNameAndNamesTheAvailableOnesOtherwise() {
        assertSame(b, TrainingRecipes.find(List.of(a, b), "encodec", "plugins"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TrainingRecipes.find(List.of(a, b), "hubert", "plugins"));
        assertEquals("unknown training recipe 'hubert' (available: speechtokenizer, encodec)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> TrainingRecipes.find(List.of(), "x", "/p"));
        assertTrue(e.getMessage().contains("no training recipes") && e.getMessage().contains("/p"), e.getMessage());
    }

    @Test
    void listsNamesWithDescriptions() {
        StringWriter w = new StringWriter();
        TrainingRecipes.list(List.of(a, b), "plugins", new PrintWriter(w, true));
        assertTrue(w.toString().contains("speechtokenizer  SpeechTokenizer: official trainer"), w.toString());
        assertTrue(w.toString().contains("encodec          EnCodec"), w.toString());
        StringWriter none = new StringWriter();
        TrainingRecipes.list(List.of(), "/p", new PrintWriter(none, true));
        assertTrue(none.toString().contains("no training recipes (plugins from /p)"), none.toString());
    }
}
