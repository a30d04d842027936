package io.voxtok.plugin.uslm.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.voxtok.api.ComponentId;
import io.voxtok.api.VoxtokException;
import io.voxtok.api.lm.GenerationRequest;
import io.voxtok.api.lm.SamplingParams;
import io.voxtok.api.lm.TokenIdRequest;
import io.voxtok.api.token.TokenMatrix;
import io.voxtok.api.token.TokenProducer;
import io.voxtok.data.text.Phonemizer;
import io.voxtok.data.text.TextVocabulary;
import io.voxtok.plugin.uslm.config.TrainedTokenizer;
import io.voxtok.plugin.uslm.config.UslmConfig;
import io.voxtok.plugin.uslm.config.UslmOptions;
import io.voxtok.plugin.uslm.model.UslmModel;
import io.voxtok.plugin.uslm.text.UslmTextFrontEnd;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Generation from text through the SPI: the same codes as from the front-end's ids, and the refusals of prompts
 * from another tokenizer (codebook size, training tokenizer's weights) and of text without a vocabulary.
 */
class UslmTextGenerationTest {
    private static final String HASH = "975127a40f96d156ab7b87389e6e0c16605052f1dce4d091cb656c2a2960772c";
    /** One letter per phoneme, words separated by "_": enough to exercise the front-end without espeak-ng. */
    private static final Phonemizer LETTERS = text -> {
        List<String> out = new java.util.ArrayList<>();
        for (String w : text.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z ]", "").trim().split(" +")) {
            if (!out.isEmpty()) {
                out.add("_");
            }
            w.chars().forEach(c -> out.add(String.valueOf((char) c)));
        }
        return out;
    };

    @TempDir
    Path dir;

    private static UslmConfig tiny(int codes) {
        UslmConfig r = UslmConfig.released("USLM", 32, 2, 1);
        return new UslmConfig(r.modelClass(), r.dModel(), r.nhead(), r.numLayers(), r.normFirst(), r.addPrenet(),
                r.prefixMode(), r.shareEmbedding(), r.narScaleFactor(), r.prependBos(), r.numQuantizers(),
                r.numTextTokens(), codes);
    }

    private static TokenMatrix prompt(int codebook, String hash) {
        int frames = 20;
        int[][] c = new int[8][frames];
        for (int l = 0; l < 8; l++) {
            for (int t = 0; t < frames; t++) {
                c[l][t] = (l * 31 + t * 7) % codebook;
            }
        }
        return TokenMatrix.single(c, 0, codebook, 50.0, new TokenProducer("speechtokenizer", "default", hash));
    }

    private static UslmTextFrontEnd frontEnd() {
        List<String> symbols = new java.util.ArrayList<>(List.of("_"));
        for (char c = 'a'; c <= 'z'; c++) {
            symbols.add(String.valueOf(c));
        }
        return new UslmTextFrontEnd(LETTERS, TextVocabulary.fromSymbols(symbols));
    }

    private static GenerationRequest request(TokenMatrix prompt) {
        return new GenerationRequest("the cat sat", Optional.of("a dog ran"), Optional.of(prompt),
                new SamplingParams(1f, 1, 1f, 15), 7);
    }

    @Test
    void textGivesTheCodesOfItsFrontEndIds() {
        UslmModel model = UslmModel.random(tiny(256), UslmOptions.official().withFirstStepEos(
                io.voxtok.plugin.uslm.config.FirstStepEosPolicy.RETURN_EMPTY), 5);
        try (UslmLanguageModel lm = new UslmLanguageModel(ComponentId.of("uslm"), model, "speechtokenizer", 50.0, true,
                true, frontEnd(), new TrainedTokenizer("speechtokenizer", HASH, ""))) {
            TokenMatrix p = prompt(256, HASH);
            TokenMatrix fromText = lm.generate(request(p));
            int[] ids = frontEnd().inferenceInput("a dog ran", "the cat sat").ids();
            TokenMatrix fromIds = lm.generateFromIds(new TokenIdRequest(Arrays.stream(ids).asLongStream().toArray(),
                    Optional.of(p), OptionalInt.empty(), new SamplingParams(1f, 1, 1f, 15), 7));
            assertEquals(15, fromText.frames());
            assertEquals(8, fromText.layers());
            assertEquals(fromIds, fromText);
        }
    }

    @Test
    void refusesPromptsOfAnotherTokenizer() {
        UslmModel model = UslmModel.random(tiny(256), UslmOptions.official(), 5);
        try (UslmLanguageModel lm = new UslmLanguageModel(ComponentId.of("uslm"), model, "speechtokenizer", 50.0, true,
                true, frontEnd(), new TrainedTokenizer("speechtokenizer", HASH, "models/speechtokenizer-small"))) {
            VoxtokException size = assertThrows(VoxtokException.class, () -> lm.generate(request(prompt(1024, HASH))));
            assertTrue(size.getMessage().contains("1024 codes") && size.getMessage().contains("256 codes"),
                    size.getMessage());
            VoxtokException weights = assertThrows(VoxtokException.class,
                    () -> lm.generate(request(prompt(256, "0123456789abcdef"))));
            assertTrue(weights.getMessage().contains("975127a40f96") && weights.getMessage().contains("0123456789ab")
                    && weights.getMessage().contains("models/speechtokenizer-small"), weights.getMessage());
        }
    }

    @Test
    void textNeedsAVocabulary() {
        UslmModel model = UslmModel.random(tiny(256), UslmOptions.official(), 5);
        try (UslmLanguageModel lm = new UslmLanguageModel(ComponentId.of("uslm"), model, "speechtokenizer", 50.0, true,
                true, null, null)) {
            VoxtokException e = assertThrows(VoxtokException.class, () -> lm.generate(request(prompt(256, HASH))));
            assertTrue(e.getMessage().contains("no text vocabulary"), e.getMessage());
        }
    }

    @Test
    void readsTheTrainingTokenizerOfAModelDirectory() throws Exception {
        Files.writeString(dir.resolve("config.json"), "{\"model_class\": \"USLM\", \"constructor_args\": {},"
                + " \"voxtok\": {\"tokenizer\": \"speechtokenizer\", \"tokenizer_weights_hash\": \"" + HASH + "\","
                + " \"tokenizer_model\": \"m\"}}");
        TrainedTokenizer t = TrainedTokenizer.read(dir).orElseThrow();
        assertEquals(new TrainedTokenizer("speechtokenizer", HASH, "m"), t);
        t.requireSame(new TokenProducer("speechtokenizer", "default", HASH.substring(0, 16)), "uslm");
        t.requireSame(new TokenProducer("speechtokenizer", "default", "unknown"), "uslm");
        Files.writeString(dir.resolve("config.json"), "{\"model_class\": \"USLM\", \"constructor_args\": {}}");
        assertTrue(TrainedTokenizer.read(dir).isEmpty(), "official checkpoints record nothing");
    }
}
