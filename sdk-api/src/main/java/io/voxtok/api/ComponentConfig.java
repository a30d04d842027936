package io.voxtok.api;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * User configuration handed to {@link ComponentFactory#create}: an optional model directory or file and
 * string properties. Immutable and thread-safe.
 *
 * @param properties string options specific to a component (copied)
 * @param model      a model directory or weights file, when the component needs weights
 */
public record ComponentConfig(Map<String, String> properties, Optional<Path> model) {
    /** Copies the map. */
    public ComponentConfig {
        properties = Map.copyOf(properties);
        model = model == null ? Optional.empty() : model;
    }

    /** Empty configuration. */
    public static ComponentConfig empty() {
        return new ComponentConfig(Map.of(), Optional.empty());
    }

    /** Configuration with only a model path. */
    public static ComponentConfig ofModel(Path model) {
        return new ComponentConfig(Map.of(), Optional.of(model));
    }

    /** Returns a copy with one more property. */
    public ComponentConfig with(String key, String value) {
        java.util.HashMap<String, String> m = new java.util.HashMap<>(properties);
        m.put(key, value);
        return new ComponentConfig(m, model);
    }

    /** A property, if set. */
    public Optional<String> get(String key) {
        return Optional.ofNullable(properties.get(key));
    }

    /**
     * Fails when a property is not in {@code known}.
     *
     * @throws VoxtokException {@link ErrorKind#USER_INPUT} listing the unknown keys and the known ones
     */
    public void requireKnownKeys(Set<String> known) {
        TreeSet<String> unknown = new TreeSet<>(properties.keySet());
        unknown.removeAll(known);
        if (!unknown.isEmpty()) {
            throw new VoxtokException(ErrorKind.USER_INPUT,
                    "unknown option(s) " + unknown + "; known options: " + new TreeSet<>(known));
        }
    }

    /** The model path, or a clear error naming the component that needs it. */
    public Path requireModel(ComponentId who) {
        return model.orElseThrow(() -> new VoxtokException(ErrorKind.USER_INPUT,
                who + " needs a model: pass --model DIR (a directory with config.json and weights)"));
    }
}
