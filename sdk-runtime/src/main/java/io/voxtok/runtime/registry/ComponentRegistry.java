package io.voxtok.runtime.registry;

import io.voxtok.api.ComponentFactory;
import io.voxtok.api.ComponentId;
import io.voxtok.api.ErrorKind;
import io.voxtok.api.VoxtokException;
import io.voxtok.api.VoxtokPlugin;
import io.voxtok.api.bench.BenchmarkFactory;
import io.voxtok.api.discriminator.DiscriminatorFactory;
import io.voxtok.api.lm.LanguageModelFactory;
import io.voxtok.api.speaker.SpeakerEncoderFactory;
import io.voxtok.api.teacher.TeacherFactory;
import io.voxtok.api.token.TokenizerFactory;
import io.voxtok.runtime.plugin.VoxtokPluginManager;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginState;
import org.pf4j.PluginWrapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The factories of all loaded plugins, read once per plugin (PF4J would otherwise create new extension objects
 * on each lookup, DESIGN-NOTES P6) and wrapped so that calls run with the plugin's context class loader.
 * Immutable after construction, so thread-safe.
 */
public final class ComponentRegistry {
    private final List<PluginInfo> plugins = new ArrayList<>();
    private final List<RegisteredFactory> factories = new ArrayList<>();
    private final List<io.voxtok.training.TrainingRecipe> recipes = new ArrayList<>();

    /**
     * Loads and starts the plugins of {@code manager} (on the calling thread: PF4J is not thread-safe) and
     * registers the factories of each plugin's {@link VoxtokPlugin} entry points, read once.
     */
    public static ComponentRegistry fromPlugins(VoxtokPluginManager manager) {
        manager.loadPlugins();
        manager.startPlugins();
        ComponentRegistry registry = new ComponentRegistry();
        for (PluginWrapper w : manager.getPlugins()) {
            if (w.getPluginState() != PluginState.STARTED) {
                Throwable cause = w.getFailedException();
                throw new VoxtokException(ErrorKind.PLUGIN, "plugin " + w.getPluginId() + " did not start (state "
                        + w.getPluginState() + ")" + (cause == null ? "" : ": " + cause.getMessage()), cause);
            }
            List<VoxtokPlugin> entries = manager.getExtensions(VoxtokPlugin.class, w.getPluginId());
            if (entries.isEmpty()) {
                throw new VoxtokException(ErrorKind.PLUGIN, "plugin " + w.getPluginId() + " at " + w.getPluginPath()
                        + " has no entry point: add META-INF/services/io.voxtok.api.VoxtokPlugin naming a class"
                        + " that implements io.voxtok.api.VoxtokPlugin");
            }
            PluginDescriptor d = w.getDescriptor();
            for (VoxtokPlugin entry : entries) {
                registry.register(w.getPluginId(), d.getVersion(), d.getRequires(), d.getProvider(),
                        d.getPluginDescription(), w.getPluginPath(), entry, w.getPluginClassLoader());
            }
        }
        return registry;
    }

    /** Registers the factories of one plugin's entry point. */
    void register(String pluginId, String version, String requires, String provider, String description, Path path,
                  VoxtokPlugin plugin, ClassLoader loader) {
        List<RegisteredFactory> mine = new ArrayList<>();
        Thread t = Thread.currentThread();
        ClassLoader previous = t.getContextClassLoader();
        t.setContextClassLoader(loader);
        try {
            for (TokenizerFactory f : plugin.tokenizers()) {
                mine.add(new RegisteredFactory(FactoryKind.TOKENIZER, pluginId,
                        ContextClassLoaderProxy.wrap(TokenizerFactory.class, f, loader)));
            }
            for (TeacherFactory f : plugin.teachers()) {
                mine.add(new RegisteredFactory(FactoryKind.TEACHER, pluginId,
                        ContextClassLoaderProxy.wrap(TeacherFactory.class, f, loader)));
            }
            for (DiscriminatorFactory f : plugin.discriminators()) {
                mine.add(new RegisteredFactory(FactoryKind.DISCRIMINATOR, pluginId,
                        ContextClassLoaderProxy.wrap(DiscriminatorFactory.class, f, loader)));
            }
            for (LanguageModelFactory f : plugin.languageModels()) {
                mine.add(new RegisteredFactory(FactoryKind.LANGUAGE_MODEL, pluginId,
                        ContextClassLoaderProxy.wrap(LanguageModelFactory.class, f, loader)));
            }
            for (BenchmarkFactory f : plugin.benchmarks()) {
                mine.add(new RegisteredFactory(FactoryKind.BENCHMARK, pluginId,
                        ContextClassLoaderProxy.wrap(BenchmarkFactory.class, f, loader)));
            }
            for (SpeakerEncoderFactory f : plugin.speakerEncoders()) {
                mine.add(new RegisteredFactory(FactoryKind.SPEAKER_ENCODER, pluginId,
                        ContextClassLoaderProxy.wrap(SpeakerEncoderFactory.class, f, loader)));
            }
            // Training recipes are plain ServiceLoader registrations of the plugin's own classes (the host's
            // class path is visible through the plugin loader too, so keep only classes the plugin defines).
            for (io.voxtok.training.TrainingRecipe r : java.util.ServiceLoader.load(
                    io.voxtok.training.TrainingRecipe.class, loader)) {
                if (r.getClass().getClassLoader() == loader && recipes.stream().noneMatch(o -> o.name().equals(r.name()))) {
                    recipes.add(ContextClassLoaderProxy.wrap(io.voxtok.training.TrainingRecipe.class, r, loader));
                }
            }
        } catch (RuntimeException | LinkageError e) {
            throw new VoxtokException(ErrorKind.PLUGIN, "plugin " + pluginId + " failed to list its components: " + e, e);
        } finally {
            t.setContextClassLoader(previous);
        }
        for (RegisteredFactory r : mine) {
            for (RegisteredFactory other : factories) {
                if (other.kind() == r.kind() && other.factory().id().equals(r.factory().id())) {
                    throw new VoxtokException(ErrorKind.PLUGIN, "plugins " + other.pluginId() + " and " + pluginId
                            + " both provide " + r.kind().name().toLowerCase() + " " + r.factory().id());
                }
            }
        }
        factories.addAll(mine);
        plugins.add(new PluginInfo(pluginId, version, requires, provider, description, path, mine));
    }

    /** Training recipes contributed by the loaded plugins, in load order. */
    public List<io.voxtok.training.TrainingRecipe> trainingRecipes() {
        return List.copyOf(recipes);
    }

    /**
     * The training recipe called {@code name}.
     *
     * @throws VoxtokException (USER_INPUT) naming the recipes that exist
     */
    public io.voxtok.training.TrainingRecipe trainingRecipe(String name) {
        return recipes.stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow(() ->
                VoxtokException.userInput("no training recipe '" + name + "' (available: "
                        + recipes.stream().map(io.voxtok.training.TrainingRecipe::name).toList() + ")"));
    }

    /** Loaded plugins in load order. */
    public List<PluginInfo> plugins() {
        return List.copyOf(plugins);
    }

    /** Every registered factory. */
    public List<RegisteredFactory> factories() {
        return List.copyOf(factories);
    }

    /**
     * The factory of a kind by {@code name} or {@code name:variant}; a bare name matches the {@code default}
     * variant, or the only variant when there is one.
     */
    public Optional<ComponentFactory<?>> find(FactoryKind kind, String name) {
        ComponentId wanted = ComponentId.parse(name);
        boolean bare = name.indexOf(':') < 0;
        List<ComponentFactory<?>> byName = factories.stream().filter(r -> r.kind() == kind)
                .map(RegisteredFactory::factory).filter(f -> f.id().name().equals(wanted.name()))
                .collect(Collectors.toList());
        for (ComponentFactory<?> f : byName) {
            if (f.id().equals(wanted)) {
                return Optional.of(f);
            }
        }
        if (bare && byName.size() == 1) {
            return Optional.of(byName.get(0));
        }
        return Optional.empty();
    }

    /** Like {@link #find} but with an error listing what is available. */
    public ComponentFactory<?> require(FactoryKind kind, String name) {
        return find(kind, name).orElseThrow(() -> {
            List<String> have = factories.stream().filter(r -> r.kind() == kind)
                    .map(r -> r.factory().id().toString() + " (plugin " + r.pluginId() + ")").toList();
            return new VoxtokException(ErrorKind.USER_INPUT, "no " + kind.name().toLowerCase().replace('_', ' ')
                    + " named '" + name + "'; available: " + (have.isEmpty() ? "none" : String.join(", ", have)));
        });
    }
}
