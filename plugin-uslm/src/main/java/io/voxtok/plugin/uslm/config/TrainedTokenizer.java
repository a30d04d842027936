package io.voxtok.plugin.uslm.config;

import io.voxtok.api.VoxtokException;
import io.voxtok.api.token.TokenProducer;
import io.voxtok.modelio.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The tokenizer a model directory says its model was trained on: the {@code "voxtok"} object of its
 * {@code config.json} ({@code tokenizer}, {@code tokenizer_weights_hash}, {@code tokenizer_model}), which Voxtok's
 * USLM trainer writes. Official checkpoints have none. Immutable.
 *
 * @param tokenizer   tokenizer name
 * @param weightsHash hex SHA-256 of its weights
 * @param model       where its model was (for messages), possibly empty
 */
public record TrainedTokenizer(String tokenizer, String weightsHash, String model) {
    /**
     * Reads it from a model directory's {@code config.json}.
     *
     * @return empty when the file has no {@code "voxtok"} object or it names no weights hash
     */
    public static Optional<TrainedTokenizer> read(Path modelDir) {
        Path cfg = modelDir.resolve("config.json");
        if (!Files.isRegularFile(cfg)) {
            return Optional.empty();
        }
        Map<String, Object> root = Json.readObject(cfg);
        if (!(root.get("voxtok") instanceof Map<?, ?> v) || !(v.get("tokenizer_weights_hash") instanceof String hash)
                || hash.isBlank()) {
            return Optional.empty();
        }
        Object name = v.get("tokenizer");
        Object model = v.get("tokenizer_model");
        return Optional.of(new TrainedTokenizer(name instanceof String s ? s : "", hash,
                model instanceof String s ? s : ""));
    }

    /**
     * Refuses tokens of other weights than the training tokenizer's (same shape, other codes: a codec trained
     * separately assigns its codes differently). Producers without a known hash are accepted.
     *
     * @param producer who encoded the prompt
     * @param lm       the language model, for the message
     * @throws VoxtokException naming both tokenizers
     */
    public void requireSame(TokenProducer producer, String lm) {
        String h = producer.weightsHash();
        if (h.isBlank() || h.equals("none") || h.equals("unknown")) {
            return;
        }
        boolean same = h.length() >= weightsHash.length() ? h.startsWith(weightsHash) : weightsHash.startsWith(h);
        if (!same) {
            throw VoxtokException.userInput("incompatible tokenizer and language model: " + lm + " was trained on codes of "
                    + tokenizer + " weights " + shortHash(weightsHash) + (model.isEmpty() ? "" : " (" + model + ")")
                    + ", the prompt was encoded by " + producer + "; use the tokenizer model it was trained with "
                    + "(or option tokenizer-check=false)");
        }
    }

    private static String shortHash(String h) {
        return h.length() > 12 ? h.substring(0, 12) : h;
    }
}
