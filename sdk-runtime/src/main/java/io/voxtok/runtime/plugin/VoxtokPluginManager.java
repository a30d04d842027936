package io.voxtok.runtime.plugin;

import io.voxtok.api.SpiVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.pf4j.CompoundPluginLoader;
import org.pf4j.CompoundPluginRepository;
import org.pf4j.DefaultExtensionFinder;
import org.pf4j.DefaultPluginManager;
import org.pf4j.ExtensionFinder;
import org.pf4j.Plugin;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginDescriptorFinder;
import org.pf4j.PluginFactory;
import org.pf4j.PluginLoader;
import org.pf4j.PluginRepository;
import org.pf4j.PluginRuntimeException;
import org.pf4j.PluginStatusProvider;
import org.pf4j.PluginWrapper;
import org.pf4j.ServiceProviderExtensionFinder;
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
 *   <li>of several copies of one plugin id, the highest compatible version is loaded and the others are listed as
 *       shadowed; a zip's unpacked directory goes when the zip goes ({@link UnpackingPluginRepository});</li>
 *   <li>one plugin's fault (bad descriptor, unresolvable dependencies, and, through {@link #refuse}, the registry's
 *       findings) refuses that plugin and leaves the others working;</li>
 *   <li>each plugin gets a {@link VoxtokPluginClassLoader} (host packages parent-first).</li>
 * </ul>
 * Not thread-safe, like PF4J itself (DESIGN-NOTES P13): the runtime drives it from one thread.
 */
public final class VoxtokPluginManager extends DefaultPluginManager {
    private static final Logger LOG = LoggerFactory.getLogger(VoxtokPluginManager.class);
    private final Set<String> enabled;
    private final List<RefusedPlugin> refused = new ArrayList<>();
    private final List<ShadowedPlugin> shadowed = new ArrayList<>();

    /**
     * @param pluginsDir      the plugins directory (may be absent)
     * @param developmentDirs plugin module directories loaded from their build output
     * @param enabled         plugin ids to load; empty = all
     */
    public VoxtokPluginManager(Path pluginsDir, List<Path> developmentDirs, Set<String> enabled) {
        super(List.of(pluginsDir));
        this.enabled = Set.copyOf(enabled);
        // PF4J builds these in its constructor, before our fields exist (DESIGN-NOTES P7): replace them now.
        this.pluginRepository = repository(pluginsDir, developmentDirs, refused);
        this.pluginStatusProvider = new AllEnabledStatusProvider();
        setSystemVersion(SpiVersion.CURRENT);
        setExactVersionAllowed(true);
        // a plugin with missing or wrong-version dependencies is dropped (and refused by name), not fatal
        setResolveRecoveryStrategy(ResolveRecoveryStrategy.IGNORE_PLUGIN_AND_CONTINUE);
    }

    private static PluginRepository repository(Path pluginsDir, List<Path> developmentDirs,
                                               List<RefusedPlugin> refused) {
        CompoundPluginRepository r = new CompoundPluginRepository();
        // Build output first: in development mode a module's fresh classes win over an older zip of it.
        if (!developmentDirs.isEmpty()) {
            r.add(new ListedDirectoriesRepository(developmentDirs));
        }
        r.add(new UnpackingPluginRepository(pluginsDir, refused));
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

    /**
     * Finds every plugin copy, refuses the incompatible and broken ones, keeps the highest compatible version of each
     * id (listing the others as shadowed), loads those, and resolves their dependencies; a plugin whose dependencies
     * do not resolve is refused. Nothing here throws for one plugin's fault.
     */
    @Override
    public void loadPlugins() {
        Map<String, List<Candidate>> byId = new LinkedHashMap<>();
        for (Path p : pluginRepository.getPluginPaths()) {
            Candidate c = candidate(p);
            if (c == null) {
                continue;
            }
            if (!enabled.isEmpty() && !enabled.contains(c.id())) {
                LOG.debug("plugin {} not enabled; not loaded", c.id());
                continue;
            }
            byId.computeIfAbsent(c.id(), k -> new ArrayList<>()).add(c);
        }
        for (List<Candidate> copies : byId.values()) {
            List<Candidate> compatible = new ArrayList<>();
            for (Candidate c : copies) {
                String why = spiMismatch(c.descriptor());
                if (why == null) {
                    compatible.add(c);
                } else {
                    LOG.warn("refusing plugin {} {}: {}", c.id(), c.version(), why);
                    refused.add(new RefusedPlugin(c.id(), c.version(), c.path(), why));
                }
            }
            if (compatible.isEmpty()) {
                continue;
            }
            Candidate best = compatible.get(0);
            for (Candidate c : compatible.subList(1, compatible.size())) {
                if (newer(c.version(), best.version())) {
                    best = c;
                }
            }
            for (Candidate c : compatible) {
                if (c != best) {
                    shadowed.add(new ShadowedPlugin(c.id(), c.version(), c.path(), best.version(), best.path()));
                }
            }
            try {
                super.loadPluginFromPath(best.path());
            } catch (RuntimeException | LinkageError e) {
                refused.add(new RefusedPlugin(best.id(), best.version(), best.path(), "cannot load: " + e.getMessage()));
            }
        }
        resolveContained();
    }

    private Candidate candidate(Path pluginPath) {
        Path path;
        try {
            path = FileUtils.expandIfZip(pluginPath);
        } catch (IOException e) {
            refused.add(new RefusedPlugin(pluginPath.getFileName().toString(), "?", pluginPath,
                    "cannot unpack: " + e.getMessage()));
            return null;
        }
        try {
            PluginDescriptor d = getPluginDescriptorFinder().find(path);
            validatePluginDescriptor(d);
            return new Candidate(d, path);
        } catch (RuntimeException e) {
            refused.add(new RefusedPlugin(path.getFileName().toString(), "?", path,
                    "invalid plugin descriptor: " + e.getMessage()));
            return null;
        }
    }

    /** Why {@code d} cannot run on this host's SPI, or {@code null} when it can. */
    private String spiMismatch(PluginDescriptor d) {
        String requires = d.getRequires() == null ? "" : d.getRequires().trim();
        if (requires.isEmpty() || requires.equals("*")) {
            return "declares no SPI version (plugin.requires); this host provides SPI " + SpiVersion.CURRENT;
        }
        boolean compatible;
        try {
            compatible = getVersionManager().checkVersionConstraint(SpiVersion.CURRENT, requires);
        } catch (RuntimeException e) {
            compatible = false;
        }
        return compatible ? null : "requires SPI " + requires + " but this host provides SPI " + SpiVersion.CURRENT;
    }

    /** Semantic-version order; a version that does not parse loses to one that does. */
    private boolean newer(String a, String b) {
        try {
            return getVersionManager().compareVersions(a, b) > 0;
        } catch (RuntimeException e) {
            try {
                getVersionManager().compareVersions(a, a);
                return true;
            } catch (RuntimeException notA) {
                return false;
            }
        }
    }

    /**
     * PF4J's dependency resolution, with every plugin it drops (missing or wrong-version dependencies) or cannot
     * order (a cycle) refused by name instead of failing the whole host.
     */
    private void resolveContained() {
        List<PluginWrapper> before = new ArrayList<>(getPlugins());
        try {
            resolvePlugins();
        } catch (PluginRuntimeException e) {
            // a dependency cycle: refuse every plugin that declares dependencies, resolve the rest
            for (PluginWrapper w : before) {
                if (!w.getDescriptor().getDependencies().isEmpty()) {
                    refuse(w.getPluginId(), "its dependencies cannot be resolved: " + e.getMessage());
                }
            }
            resolvePlugins();
        }
        for (PluginWrapper w : before) {
            if (getPlugin(w.getPluginId()) == null && refused.stream().noneMatch(r -> r.id().equals(w.getPluginId()))) {
                refused.add(new RefusedPlugin(w.getPluginId(), w.getDescriptor().getVersion(), w.getPluginPath(),
                        "its dependencies " + w.getDescriptor().getDependencies() + " are missing or of the wrong version"));
            }
        }
    }

    /**
     * Unloads a loaded plugin and lists it as refused (the registry calls this for faults found after loading: no
     * entry point, an entry point that fails, a component name another plugin also provides).
     *
     * @param pluginId the loaded plugin
     * @param reason   one sentence for the user
     */
    public void refuse(String pluginId, String reason) {
        PluginWrapper w = getPlugin(pluginId);
        if (w == null) {
            return;
        }
        LOG.warn("refusing plugin {} {}: {}", pluginId, w.getDescriptor().getVersion(), reason);
        refused.add(new RefusedPlugin(pluginId, w.getDescriptor().getVersion(), w.getPluginPath(), reason));
        try {
            unloadPlugin(pluginId, false);
        } catch (RuntimeException e) {
            LOG.warn("unloading refused plugin {} failed: {}", pluginId, e.toString());
        }
    }

    /** A plugin copy on disk with its descriptor. */
    private record Candidate(PluginDescriptor descriptor, Path path) {
        String id() {
            return descriptor.getPluginId();
        }

        String version() {
            return descriptor.getVersion();
        }
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

    /** Compatible copies not loaded because a higher version of the same plugin was. */
    public List<ShadowedPlugin> shadowedPlugins() {
        return Collections.unmodifiableList(shadowed);
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
