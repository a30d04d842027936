package io.voxtok.api;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Names a component kind offered by a plugin: a {@code name} users type on the command line
 * ({@code speechtokenizer}, {@code encodec}, {@code mulaw}) and a {@code variant} ({@code default},
 * {@code hubert-avg}, {@code 24khz}).
 *
 * <p>Both parts match {@code [a-z0-9][a-z0-9._-]{0,62}}. Immutable and thread-safe.
 *
 * @param name    component name, unique per component type among loaded plugins
 * @param variant variant of that component; {@code "default"} when there is only one
 */
public record ComponentId(String name, String variant) {
    private static final Pattern PART = Pattern.compile("[a-z0-9][a-z0-9._-]{0,62}");

    /** Validates both parts. */
    public ComponentId {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(variant, "variant");
        if (!PART.matcher(name).matches()) {
            throw new IllegalArgumentException("invalid component name '" + name + "': expected " + PART);
        }
        if (!PART.matcher(variant).matches()) {
            throw new IllegalArgumentException("invalid component variant '" + variant + "': expected " + PART);
        }
    }

    /** A component id with the {@code default} variant. */
    public static ComponentId of(String name) {
        return new ComponentId(name, "default");
    }

    /** Parses {@code name} or {@code name:variant}. */
    public static ComponentId parse(String text) {
        int i = text.indexOf(':');
        return i < 0 ? of(text) : new ComponentId(text.substring(0, i), text.substring(i + 1));
    }

    @Override
    public String toString() {
        return name + ":" + variant;
    }
}
