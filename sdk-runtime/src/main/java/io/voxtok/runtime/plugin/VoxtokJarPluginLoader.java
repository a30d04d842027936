package io.voxtok.runtime.plugin;

import java.nio.file.Path;
import org.pf4j.PluginClassLoader;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginLoader;
import org.pf4j.PluginManager;
import org.pf4j.util.FileUtils;

/** Loads a plugin packaged as a single jar (classes and {@code plugin.properties} at the jar's root). */
public final class VoxtokJarPluginLoader implements PluginLoader {
    private final PluginManager manager;

    /** A jar loader for {@code manager}. */
    public VoxtokJarPluginLoader(PluginManager manager) {
        this.manager = manager;
    }

    @Override
    public boolean isApplicable(Path pluginPath) {
        return java.nio.file.Files.isRegularFile(pluginPath) && FileUtils.isJarFile(pluginPath);
    }

    @Override
    public ClassLoader loadPlugin(Path pluginPath, PluginDescriptor descriptor) {
        PluginClassLoader loader = new VoxtokPluginClassLoader(manager, descriptor, getClass().getClassLoader());
        loader.addFile(pluginPath.toFile());
        return loader;
    }
}
