package io.voxtok.runtime.plugin;

import java.nio.file.Path;
import org.pf4j.BasePluginLoader;
import org.pf4j.DefaultPluginClasspath;
import org.pf4j.DevelopmentPluginClasspath;
import org.pf4j.PluginClassLoader;
import org.pf4j.PluginClasspath;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginManager;
import org.pf4j.util.FileUtils;

import java.nio.file.Files;

/**
 * Loads a plugin directory (an unpacked zip: {@code classes/} + {@code lib/}, or in development mode a module's
 * {@code target/classes} + {@code target/lib}) into a {@link VoxtokPluginClassLoader}.
 */
public final class VoxtokPluginLoader extends BasePluginLoader {
    private final boolean development;

    /** A loader for the zip layout, or for Maven build output when {@code development}. */
    public VoxtokPluginLoader(PluginManager manager, boolean development) {
        super(manager, classpath(development));
        this.development = development;
    }

    private static PluginClasspath classpath(boolean development) {
        return development ? new DevelopmentPluginClasspath() : new DefaultPluginClasspath();
    }

    @Override
    public boolean isApplicable(Path pluginPath) {
        if (!Files.isDirectory(pluginPath)) {
            return false;
        }
        boolean isBuildOutput = Files.isDirectory(pluginPath.resolve("target/classes"));
        return development == isBuildOutput;
    }

    @Override
    protected PluginClassLoader createPluginClassLoader(Path pluginPath, PluginDescriptor descriptor) {
        return new VoxtokPluginClassLoader(pluginManager, descriptor, getClass().getClassLoader());
    }

    /** True for a jar or zip file. */
    static boolean isArchive(Path p) {
        return FileUtils.isZipOrJarFile(p);
    }
}
