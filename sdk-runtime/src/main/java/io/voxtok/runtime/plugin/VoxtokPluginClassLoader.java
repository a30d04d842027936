package io.voxtok.runtime.plugin;

import org.pf4j.ClassLoadingStrategy;
import org.pf4j.PluginClassLoader;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginManager;

/**
 * A plugin's class loader: plugin-first for the plugin's own classes and libraries, host-first for
 * {@link HostPackages}.
 */
public final class VoxtokPluginClassLoader extends PluginClassLoader {
    static {
        ClassLoader.registerAsParallelCapable();
    }

    /** Creates the loader for one plugin. */
    public VoxtokPluginClassLoader(PluginManager manager, PluginDescriptor descriptor, ClassLoader parent) {
        super(manager, descriptor, parent, ClassLoadingStrategy.PDA);
    }

    @Override
    protected boolean shouldDelegateToParent(String className) {
        return HostPackages.isHostClass(className);
    }

    @Override
    public String toString() {
        return "VoxtokPluginClassLoader[" + getPluginDescriptorId() + "]";
    }

    private String getPluginDescriptorId() {
        return getName() == null ? "?" : getName();
    }
}
