package io.voxtok.runtime.plugin;

import java.nio.file.Path;

/**
 * A plugin found on disk but not loaded, and why.
 *
 * @param id     the plugin id from its descriptor (or the file name when unreadable)
 * @param version the plugin version
 * @param path   where it was found
 * @param reason a sentence for the user
 */
public record RefusedPlugin(String id, String version, Path path, String reason) {
}
