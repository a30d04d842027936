package io.voxtok.cli.support;

import io.voxtok.modelio.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Which language model ({@code uslm} or {@code valle}) reads a model directory when {@code --lm} is not given: the
 * {@code model_class} of its {@code config.json} ({@code VALLE} means {@code valle}, anything else {@code uslm}).
 */
public final class LanguageModelSelection {
    /** The default language model name. */
    public static final String DEFAULT = "uslm";

    private LanguageModelSelection() {
    }

    /**
     * The language model for {@code modelDir}: {@code explicit} when given, else the one its configuration names.
     *
     * @param explicit the {@code --lm} value, or {@code null}
     * @param modelDir a model directory (it may not exist: the component then reports it)
     */
    public static String of(String explicit, Path modelDir) {
        if (explicit != null) {
            return explicit;
        }
        Path cfg = modelDir.resolve("config.json");
        if (!Files.isRegularFile(cfg)) {
            return DEFAULT;
        }
        Map<String, Object> o = Json.readObject(cfg);
        return "VALLE".equals(o.get("model_class")) ? "valle" : DEFAULT;
    }
}
