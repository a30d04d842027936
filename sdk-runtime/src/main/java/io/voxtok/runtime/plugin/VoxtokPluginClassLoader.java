package io.voxtok.runtime.plugin;

import org.pf4j.ClassLoadingStrategy;
import org.pf4j.PluginClassLoader;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginManager;

/**
 * A plugin's class loader: host-first for the shared packages ({@link HostPackages}), then the plugin's own classes
 * and {@code lib/}, then its declared plugin dependencies; the rest of the host is not visible (its parent is a
 * {@link SharedPackagesClassLoader}).
 */
public final class VoxtokPluginClassLoader extends PluginClassLoader {
    static {
        ClassLoader.registerAsParallelCapable();
    }

    /**
     * Creates the loader for one plugin.
     *
     * @param host the host's class loader; the plugin sees only its shared packages ({@link HostPackages})
     */
    public VoxtokPluginClassLoader(PluginManager manager, PluginDescriptor descriptor, ClassLoader host) {
        super(manager, descriptor, new SharedPackagesClassLoader(host), ClassLoadingStrategy.PDA);
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
