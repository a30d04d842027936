package io.voxtok.runtime.registry;

import java.nio.file.Path;
import java.util.List;

/**
 * A loaded plugin as shown by {@code voxtok plugins}.
 *
 * @param id          plugin id
 * @param version     plugin version
 * @param requires    the SPI range it declares
 * @param provider    who made it
 * @param description one line
 * @param path        where it was loaded from
 * @param factories   the factories it contributes
 */
public record PluginInfo(String id, String version, String requires, String provider, String description, Path path,
                         List<RegisteredFactory> factories) {
    /** Copies the list. */
    public PluginInfo {
        factories = List.copyOf(factories);
    }
}
