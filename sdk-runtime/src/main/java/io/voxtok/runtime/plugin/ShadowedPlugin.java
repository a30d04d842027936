package io.voxtok.runtime.plugin;

import java.nio.file.Path;

/**
 * A compatible plugin found on disk but not loaded because another copy of the same plugin id has a higher
 * version (or the same version, found earlier: build output before the plugins directory, then by file name).
 *
 * @param id            the plugin id
 * @param version       this copy's version
 * @param path          where this copy is
 * @param loadedVersion the version that was loaded instead
 * @param loadedPath    where the loaded copy is
 */
public record ShadowedPlugin(String id, String version, Path path, String loadedVersion, Path loadedPath) {
}
