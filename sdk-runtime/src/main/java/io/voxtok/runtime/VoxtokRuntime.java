package io.voxtok.runtime;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Stage;
import io.voxtok.api.Component;
import io.voxtok.api.ComponentConfig;
import io.voxtok.api.ComponentFactory;
import io.voxtok.api.ComponentLookup;
import io.voxtok.api.ErrorKind;
import io.voxtok.api.VoxtokException;
import io.voxtok.api.backend.BackendKind;
import io.voxtok.api.backend.BackendSpec;
import io.voxtok.api.bench.Benchmark;
import io.voxtok.api.discriminator.Discriminator;
import io.voxtok.api.lm.LanguageModel;
import io.voxtok.api.speaker.SpeakerEncoder;
import io.voxtok.api.teacher.Teacher;
import io.voxtok.api.token.Tokenizer;
import io.voxtok.runtime.boot.EngineBootstrap;
import io.voxtok.runtime.boot.EngineThreads;
import io.voxtok.runtime.config.RuntimeConfig;
import io.voxtok.runtime.inject.RuntimeModule;
import io.voxtok.runtime.plugin.RefusedPlugin;
import io.voxtok.runtime.plugin.VoxtokPluginManager;
import io.voxtok.runtime.registry.ComponentRegistry;
import io.voxtok.runtime.registry.FactoryKind;
import io.voxtok.runtime.registry.PluginInfo;
import io.voxtok.runtime.registry.RuntimeComponentContext;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Voxtok host: discovers and starts plugins, and creates components on the resolved backend and device. The
 * native engine starts when the first component that runs on it is created (or {@link #backend()} is asked), on
 * the calling thread and outside plugin code; a runtime that only creates pure-Java components never starts one. Components created here are owned by the runtime and closed,
 * in reverse order of creation, by {@link #close()} (closing them earlier yourself is fine: close is idempotent).
 *
 * <pre>{@code
 * try (VoxtokRuntime rt = VoxtokRuntime.start(RuntimeConfigLoader.load(Path.of("voxtok.yaml")))) {
 *     Tokenizer tok = rt.createTokenizer("speechtokenizer", ComponentConfig.ofModel(Path.of("model/")));
 *     TokenMatrix codes = tok.encode(AudioReader.readAs(Path.of("a.wav"), 16000, 1));
 * }
 * }</pre>
 *
 * Start and close from one thread; component creation is synchronized; components are used from any thread as
 * their contracts say.
 */
public final class VoxtokRuntime implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(VoxtokRuntime.class);
    private final RuntimeConfig config;
    private BackendSpec resolved;
    private boolean engineClaimed;
    private final VoxtokPluginManager manager;
    private final ComponentRegistry registry;
    private final RuntimeComponentContext context;
    private final Deque<Component> owned = new ArrayDeque<>();
    private boolean closed;

    private VoxtokRuntime(RuntimeConfig config, Injector injector) {
        this.config = config;
        this.manager = injector.getInstance(VoxtokPluginManager.class);
        this.registry = injector.getInstance(ComponentRegistry.class);
        this.context = injector.getInstance(RuntimeComponentContext.class);
    }

    /**
     * Starts plugins (no engine yet: see the class comment).
     *
     * @throws VoxtokException PLUGIN (the plugin system itself failed), USER_INPUT (an enabled plugin is missing or
     *                         was refused); one plugin's fault only refuses that plugin
     */
    public static VoxtokRuntime start(RuntimeConfig config) {
        VoxtokRuntime rt;
        try {
            Injector injector = Guice.createInjector(Stage.PRODUCTION,
                    new RuntimeModule(config, EngineBootstrap.requested(config)));
            rt = new VoxtokRuntime(config, injector);
        } catch (com.google.inject.ProvisionException | com.google.inject.CreationException e) {
            for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
                if (c instanceof VoxtokException ve) {
                    throw ve;
                }
            }
            throw new VoxtokException(ErrorKind.PLUGIN, "plugins failed to start: " + e.getMessage(), e);
        }
        rt.checkEnabledPluginsPresent();
        return rt;
    }

    private void checkEnabledPluginsPresent() {
        for (String id : config.enabledPlugins()) {
            boolean loaded = registry.plugins().stream().anyMatch(p -> p.id().equals(id));
            if (!loaded) {
                String refusedWhy = manager.refusedPlugins().stream().filter(r -> r.id().equals(id))
                        .map(r -> ": refused, " + r.reason()).findFirst()
                        .orElse(": not found in " + config.pluginsDir());
                close();
                throw new VoxtokException(ErrorKind.USER_INPUT, "enabled plugin '" + id + "' is not available" + refusedWhy);
            }
        }
    }

    /** The configuration this runtime was started with. */
    public RuntimeConfig config() {
        return config;
    }

    /**
     * The resolved backend and device; starts the configured engine if it is not running yet.
     *
     * @throws VoxtokException ENVIRONMENT when the engine cannot start or the device is absent without fallback
     */
    public synchronized BackendSpec backend() {
        if (closed) {
            throw new IllegalStateException("runtime is closed");
        }
        if (resolved == null) {
            if (config.backend() == BackendKind.PURE_JAVA) {
                // pure Java only: no engine, and components that need one are refused by name
                resolved = new BackendSpec(BackendKind.PURE_JAVA, io.voxtok.api.backend.DeviceSpec.cpu(),
                        EngineBootstrap.requested(config).intraOpThreads());
            } else {
                resolved = EngineBootstrap.start(config);
                engineClaimed = true;
            }
        }
        return resolved;
    }

    /** Whether this runtime has started its engine (a pure-Java-only session never does). */
    public synchronized boolean engineStarted() {
        return engineClaimed;
    }

    /** Loaded plugins. */
    public List<PluginInfo> plugins() {
        return registry.plugins();
    }

    /**
     * Plugins found but refused, each with one sentence saying why: incompatible SPI, bad descriptor, no usable
     * entry point, an entry point that failed, a component name another plugin also provides, unresolved
     * dependencies. The other plugins work regardless.
     */
    public List<RefusedPlugin> refusedPlugins() {
        return manager.refusedPlugins();
    }

    /** Compatible plugin copies not loaded because a higher version of the same plugin id was loaded. */
    public List<io.voxtok.runtime.plugin.ShadowedPlugin> shadowedPlugins() {
        return manager.shadowedPlugins();
    }

    /** Every factory of every loaded plugin. */
    public ComponentRegistry registry() {
        return registry;
    }

    /** Lookup of factories by name. */
    public ComponentLookup lookup() {
        return context;
    }

    /** Creates a tokenizer by {@code name} or {@code name:variant}. */
    public Tokenizer createTokenizer(String name, ComponentConfig config) {
        return create(FactoryKind.TOKENIZER, name, config, Tokenizer.class);
    }

    /** Creates a teacher by name. */
    public Teacher createTeacher(String name, ComponentConfig config) {
        return create(FactoryKind.TEACHER, name, config, Teacher.class);
    }

    /** Creates a discriminator by name. */
    public Discriminator createDiscriminator(String name, ComponentConfig config) {
        return create(FactoryKind.DISCRIMINATOR, name, config, Discriminator.class);
    }

    /** Creates a language model by name. */
    public LanguageModel createLanguageModel(String name, ComponentConfig config) {
        return create(FactoryKind.LANGUAGE_MODEL, name, config, LanguageModel.class);
    }

    /**
     * Creates a speaker encoder by {@code name} or {@code name:variant} (the runtime owns and closes it).
     *
     * @param config its model directory or file and options
     */
    public SpeakerEncoder createSpeakerEncoder(String name, ComponentConfig config) {
        return create(FactoryKind.SPEAKER_ENCODER, name, config, SpeakerEncoder.class);
    }

    /** Creates a benchmark by name. */
    public Benchmark createBenchmark(String name, ComponentConfig config) {
        return create(FactoryKind.BENCHMARK, name, config, Benchmark.class);
    }

    /**
     * Creates a benchmark whose factory also sees {@code services} through
     * {@link io.voxtok.api.ComponentContext#service} (e.g. {@code io.voxtok.metrics.bench.BenchmarkResources}:
     * the corpus' phone alignments, the speaker encoder, the recogniser).
     */
    public Benchmark createBenchmark(String name, ComponentConfig config, java.util.Map<Class<?>, Object> services) {
        return create(FactoryKind.BENCHMARK, name, config, Benchmark.class, services);
    }

    private <C extends Component> C create(FactoryKind kind, String name, ComponentConfig cfg, Class<C> type) {
        return create(kind, name, cfg, type, java.util.Map.of());
    }

    private synchronized <C extends Component> C create(FactoryKind kind, String name, ComponentConfig cfg,
                                                         Class<C> type, java.util.Map<Class<?>, Object> services) {
        if (closed) {
            throw new IllegalStateException("runtime is closed");
        }
        ComponentFactory<?> f = registry.require(kind, name);
        BackendSpec b = backendFor(f);
        Component c;
        try {
            c = f.create(cfg, (services.isEmpty() ? context : context.withServices(services)).withBackend(b));
        } catch (VoxtokException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new VoxtokException(ErrorKind.PLUGIN, f.id() + " failed to start: " + e, e);
        }
        owned.push(c);
        return type.cast(c);
    }

    private BackendSpec backendFor(ComponentFactory<?> f) {
        BackendKind configured = config.backend();
        if (configured != BackendKind.PURE_JAVA && f.supportedBackends().contains(configured)) {
            return backend();
        }
        if (f.supportedBackends().contains(BackendKind.PURE_JAVA)) {
            return new BackendSpec(BackendKind.PURE_JAVA, io.voxtok.api.backend.DeviceSpec.cpu(),
                    EngineBootstrap.requested(config).intraOpThreads());
        }
        throw new VoxtokException(ErrorKind.USER_INPUT, f.id() + " does not run on backend " + configured
                + "; it supports " + f.supportedBackends());
    }

    /** Closes created components in reverse order, then stops plugins. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        while (!owned.isEmpty()) {
            Component c = owned.pop();
            try {
                c.close();
            } catch (RuntimeException e) {
                LOG.warn("closing {} failed: {}", c, e.toString());
            }
        }
        try {
            manager.stopPlugins();
        } catch (RuntimeException e) {
            LOG.warn("stopping plugins failed: {}", e.toString());
        }
        if (engineClaimed) {
            EngineThreads.release();
        }
    }
}
