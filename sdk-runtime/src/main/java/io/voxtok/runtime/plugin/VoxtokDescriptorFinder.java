package io.voxtok.runtime.plugin;

import java.nio.file.Files;
import java.nio.file.Path;
import org.pf4j.PropertiesPluginDescriptorFinder;

/**
 * PF4J's {@code plugin.properties} finder, which also looks in {@code target/classes/} so that a plugin module's
 * Maven build output can be loaded in development mode (the build filters the version into that copy).
 */
public final class VoxtokDescriptorFinder extends PropertiesPluginDescriptorFinder {
    @Override
    protected Path getPropertiesPath(Path pluginPath, String propertiesFileName) {
        if (Files.isDirectory(pluginPath)) {
            Path direct = pluginPath.resolve(propertiesFileName);
            Path built = pluginPath.resolve("target/classes").resolve(propertiesFileName);
            if (!Files.exists(direct) && Files.exists(built)) {
                return built;
            }
        }
        return super.getPropertiesPath(pluginPath, propertiesFileName);
    }
}
