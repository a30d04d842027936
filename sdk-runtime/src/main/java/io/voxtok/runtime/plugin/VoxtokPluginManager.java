package io.voxtok.runtime.plugin;

import io.voxtok.api.SpiVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.pf4j.BasePluginRepository;
import org.pf4j.CompoundPluginLoader;
import org.pf4j.CompoundPluginRepository;
import org.pf4j.DefaultExtensionFinder;
import org.pf4j.DefaultPluginManager;
import org.pf4j.ExtensionFinder;
import org.pf4j.ServiceProviderExtensionFinder;
import org.pf4j.DefaultPluginRepository;
import org.pf4j.PluginDescriptor;
import org.pf4j.Plugin;
import org.pf4j.PluginDescriptorFinder;
import org.pf4j.PluginFactory;
import org.pf4j.PluginLoader;
import org.pf4j.PluginRepository;
import org.pf4j.PluginRuntimeException;
import org.pf4j.PluginStatusProvider;
import org.pf4j.PluginWrapper;
import org.pf4j.util.FileUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PF4J's plugin manager with Voxtok's rules:
 * <ul>
 *   <li>plugins come from the plugins directory (zips, jars, unpacked directories) and, in development mode,
 *       from listed module directories (Maven build output);</li>
 *   <li>a plugin not in the enabled set is never given a class loader, so none of its classes load;</li>
 *   <li>a plugin whose {@code plugin.requires} range does not contain the host's SPI version is refused with a
 *       message naming both versions;</li>
 *   <li>each plugin gets a {@link VoxtokPluginClassLoader} (host packages parent-first).</li>
 * </ul>
 * Not thread-safe, like PF4J itself (DESIGN-NOTES P13): the runtime drives it from one thread.
 */
public final class VoxtokPluginManager extends DefaultPluginManager {
    private static final Logger LOG = LoggerFactory.getLogger(VoxtokPluginManager.class);
    private final Set<String> enabled;
    private final List<RefusedPlugin> refused = new ArrayList<>();

    /**
     * @param pluginsDir      the plugins directory (may be absent)
     * @param developmentDirs plugin module directories loaded from their build output
     * @param enabled         plugin ids to load; empty = all
     */
    public VoxtokPluginManager(Path pluginsDir, List<Path> developmentDirs, Set<String> enabled) {
        super(List.of(pluginsDir));
        this.enabled = Set.copyOf(enabled);
        // PF4J builds these in its constructor, before our fields exist (DESIGN-NOTES P7): replace them now.
        this.pluginRepository = repository(pluginsDir, developmentDirs);
        this.pluginStatusProvider = new AllEnabledStatusProvider();
        setSystemVersion(SpiVersion.CURRENT);
        setExactVersionAllowed(true);
    }

    private static PluginRepository repository(Path pluginsDir, List<Path> developmentDirs) {
        CompoundPluginRepository r = new CompoundPluginRepository();
        // Build output first: in development mode a module's fresh classes win over an older zip of it.
        if (!developmentDirs.isEmpty()) {
            r.add(new ListedDirectoriesRepository(developmentDirs));
        }
        if (Files.isDirectory(pluginsDir)) {
            r.add(new DefaultPluginRepository(pluginsDir));
            r.add(new JarFilesRepository(pluginsDir));
        }
        return r;
    }

    @Override
    protected PluginDescriptorFinder createPluginDescriptorFinder() {
        return new VoxtokDescriptorFinder();
    }

    @Override
    protected ExtensionFinder createExtensionFinder() {
        // Entry points are java.util.ServiceLoader registrations (META-INF/services), so a plugin compiles against
        // sdk-api alone; PF4J reads them with its ServiceProviderExtensionFinder (off by default), and @Extension
        // indexes keep working too.
        DefaultExtensionFinder finder = new DefaultExtensionFinder(this);
        finder.add(new ServiceProviderExtensionFinder(this));
        addPluginStateListener(finder);
        return finder;
    }

    @Override
    protected PluginFactory createPluginFactory() {
        // Voxtok plugins need no org.pf4j.Plugin class (their entry point is a VoxtokPlugin service), so
        // they compile against sdk-api alone; PF4J still tracks their lifecycle through this inert object.
        return wrapper -> new Plugin() {
        };
    }

    @Override
    protected PluginLoader createPluginLoader() {
        return new CompoundPluginLoader()
                .add(new VoxtokPluginLoader(this, true))
                .add(new VoxtokPluginLoader(this, false))
                .add(new VoxtokJarPluginLoader(this));
    }

    @Override
    protected PluginWrapper loadPluginFromPath(Path pluginPath) {
        Path path;
        try {
            path = FileUtils.expandIfZip(pluginPath);
        } catch (IOException e) {
            refused.add(new RefusedPlugin(pluginPath.getFileName().toString(), "?", pluginPath,
                    "cannot unpack: " + e.getMessage()));
            return null;
        }
        PluginDescriptor d;
        try {
            d = getPluginDescriptorFinder().find(path);
            validatePluginDescriptor(d);
        } catch (PluginRuntimeException e) {
            refused.add(new RefusedPlugin(path.getFileName().toString(), "?", path,
                    "invalid plugin descriptor: " + e.getMessage()));
            return null;
        }
        if (getPlugin(d.getPluginId()) != null) {
            LOG.info("plugin {} at {} ignored: already loaded from {}", d.getPluginId(), path,
                    getPlugin(d.getPluginId()).getPluginPath());
            return null;
        }
        if (!enabled.isEmpty() && !enabled.contains(d.getPluginId())) {
            LOG.debug("plugin {} not enabled; not loaded", d.getPluginId());
            return null;
        }
        String requires = d.getRequires() == null ? "" : d.getRequires().trim();
        if (requires.isEmpty() || requires.equals("*")) {
            refused.add(new RefusedPlugin(d.getPluginId(), d.getVersion(), path,
                    "declares no SPI version (plugin.requires); this host provides SPI " + SpiVersion.CURRENT));
            return null;
        }
        boolean compatible;
        try {
            compatible = getVersionManager().checkVersionConstraint(SpiVersion.CURRENT, requires);
        } catch (RuntimeException e) {
            compatible = false;
        }
        if (!compatible) {
            String why = "requires SPI " + requires + " but this host provides SPI " + SpiVersion.CURRENT;
            LOG.warn("refusing plugin {} {}: {}", d.getPluginId(), d.getVersion(), why);
            refused.add(new RefusedPlugin(d.getPluginId(), d.getVersion(), path, why));
            return null;
        }
        return super.loadPluginFromPath(path);
    }

    /**
     * Stops started plugins in reverse start order. PF4J 3.15.0's own {@code stopPlugins()} removes from the list
     * it is iterating and throws ConcurrentModificationException, so stop them one by one from a copy.
     */
    @Override
    public void stopPlugins() {
        List<PluginWrapper> started = new ArrayList<>(getStartedPlugins());
        Collections.reverse(started);
        for (PluginWrapper w : started) {
            if (w.getPluginState().isStarted()) {
                stopPlugin(w.getPluginId());
            }
        }
    }

    /** Plugins found but not loaded, with reasons. */
    public List<RefusedPlugin> refusedPlugins() {
        return Collections.unmodifiableList(refused);
    }

    /** Enablement is decided before loading, so nothing loaded is disabled. */
    private static final class AllEnabledStatusProvider implements PluginStatusProvider {
        @Override
        public boolean isPluginDisabled(String pluginId) {
            return false;
        }

        @Override
        public void disablePlugin(String pluginId) {
            throw new UnsupportedOperationException("plugins are enabled through the runtime configuration");
        }

        @Override
        public void enablePlugin(String pluginId) {
            throw new UnsupportedOperationException("plugins are enabled through the runtime configuration");
        }
    }

    /** Jar files directly in the plugins directory. */
    private static final class JarFilesRepository extends BasePluginRepository {
        JarFilesRepository(Path root) {
            super(List.of(root), f -> f.isFile() && f.getName().endsWith(".jar"));
        }
    }

    /** Exactly the listed directories (development mode). */
    private static final class ListedDirectoriesRepository implements PluginRepository {
        private final List<Path> dirs;

        ListedDirectoriesRepository(List<Path> dirs) {
            this.dirs = List.copyOf(dirs);
        }

        @Override
        public List<Path> getPluginPaths() {
            return dirs.stream().filter(Files::isDirectory).toList();
        }

        @Override
        public boolean deletePluginPath(Path pluginPath) {
            return false;
        }
    }

    /** Lists plugin module directories under {@code root} that have a built descriptor. */
    public static List<Path> findBuiltModules(Path root) {
        try (Stream<Path> s = Files.list(root)) {
            return s.filter(p -> Files.exists(p.resolve("target/classes/plugin.properties"))).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }
}
