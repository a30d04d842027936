package io.voxtok.spark.job;

import io.voxtok.api.ComponentConfig;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Which tokenizer each executor creates, with which model and options, and which layers it keeps. Serialisable: it
 * travels with every task.
 *
 * @param tokenizer  tokenizer name or {@code name:variant}
 * @param model      the model as the driver resolved it (an absolute folder), or null for weightless tokenizers
 * @param modelArg   the model as given on the command line (a shipped model's name, or a path), or null
 * @param options    tokenizer options ({@code -O key=value}, {@code --bandwidth})
 * @param startLayer first layer kept, 0-based (the official {@code st})
 * @param endLayer   end layer, exclusive (the official {@code n_q}); -1 = all layers
 */
public record TokenizeSpec(String tokenizer, String model, String modelArg, Map<String, String> options, int startLayer,
                           int endLayer) implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Copies the options into a sorted map (the job descriptor compares them). */
    public TokenizeSpec {
        options = new TreeMap<>(options);
    }

    /** The component configuration on this JVM, with the model folder found here. */
    public ComponentConfig config() {
        Optional<Path> m = model == null ? Optional.empty() : Optional.of(ExecutorPaths.locate(model, modelArg, "model"));
        return new ComponentConfig(options, m);
    }
}
