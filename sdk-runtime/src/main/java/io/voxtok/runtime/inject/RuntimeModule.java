package io.voxtok.runtime.inject;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.voxtok.api.backend.BackendSpec;
import io.voxtok.runtime.config.RuntimeConfig;
import io.voxtok.runtime.plugin.VoxtokPluginManager;
import io.voxtok.runtime.registry.ComponentRegistry;
import io.voxtok.runtime.registry.RuntimeComponentContext;
import java.util.HashSet;
import java.util.Map;

/**
 * The root Guice module: host services only. Plugins are not Guice modules and their classes are never bound
 * here (DESIGN-NOTES P8); they receive host services through {@link io.voxtok.api.ComponentContext}.
 */
public final class RuntimeModule extends AbstractModule {
    private final RuntimeConfig config;
    private final BackendSpec backend;

    /** A module for a started backend. */
    public RuntimeModule(RuntimeConfig config, BackendSpec backend) {
        this.config = config;
        this.backend = backend;
    }

    @Override
    protected void configure() {
        binder().requireExplicitBindings();
        bind(RuntimeConfig.class).toInstance(config);
        bind(BackendSpec.class).toInstance(backend);
    }

    /** The plugin manager, built after the injector exists (DESIGN-NOTES P7). */
    @Provides
    @Singleton
    VoxtokPluginManager pluginManager(RuntimeConfig c) {
        return new VoxtokPluginManager(c.pluginsDir(), c.developmentPluginDirs(), new HashSet<>(c.enabledPlugins()));
    }

    /** Factories of every loaded plugin. */
    @Provides
    @Singleton
    ComponentRegistry registry(VoxtokPluginManager manager) {
        return ComponentRegistry.fromPlugins(manager);
    }

    /** The context handed to factories. */
    @Provides
    @Singleton
    RuntimeComponentContext context(BackendSpec b, ComponentRegistry registry, RuntimeConfig c) {
        return new RuntimeComponentContext(b, registry, Map.of(RuntimeConfig.class, c));
    }
}
