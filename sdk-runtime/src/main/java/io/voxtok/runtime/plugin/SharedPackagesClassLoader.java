package io.voxtok.runtime.plugin;

import java.io.IOException;
import java.net.URL;
import java.util.Collections;
import java.util.Enumeration;

/**
 * The parent of every plugin class loader: the JDK's platform classes, plus the host's classes and resources in
 * the {@link HostPackages shared packages}, and nothing else of the host. A plugin therefore cannot see the
 * runtime, the CLI or the host's private libraries (Guice, PF4J, Jackson, picocli, ...); one that needs such a
 * library bundles its own copy in its {@code lib/} and gets that copy.
 */
final class SharedPackagesClassLoader extends ClassLoader {
    static {
        ClassLoader.registerAsParallelCapable();
    }

    private final ClassLoader host;

    /** @param host the host's class loader, consulted for shared packages only */
    SharedPackagesClassLoader(ClassLoader host) {
        super("voxtok-shared", ClassLoader.getPlatformClassLoader());
        this.host = host;
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (HostPackages.isHostClass(name)) {
            Class<?> c = host.loadClass(name);
            if (resolve) {
                resolveClass(c);
            }
            return c;
        }
        // platform (JDK) classes through the parent; anything else of the host is not visible
        return super.loadClass(name, resolve);
    }

    @Override
    public URL getResource(String name) {
        return isSharedResource(name) ? host.getResource(name) : super.getResource(name);
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
        return isSharedResource(name) ? host.getResources(name) : super.getResources(name);
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        throw new ClassNotFoundException(name + " (plugins see the JDK, the SPI and the shared packages "
                + HostPackages.PREFIXES + " of the host only; bundle other libraries in the plugin's lib/)");
    }

    @Override
    protected URL findResource(String name) {
        return null;
    }

    @Override
    protected Enumeration<URL> findResources(String name) {
        return Collections.emptyEnumeration();
    }

    /**
     * A resource of a shared package ({@code ai/djl/...}), or a service registration for a shared type
     * ({@code META-INF/services/ai.djl.engine.EngineProvider}), so ServiceLoader inside a plugin finds the host's
     * engines but never the host's private services.
     */
    static boolean isSharedResource(String name) {
        String services = "META-INF/services/";
        if (name.startsWith(services)) {
            return HostPackages.isHostClass(name.substring(services.length()));
        }
        return HostPackages.isHostClass(name.replace('/', '.'));
    }
}
