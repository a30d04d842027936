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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
     *
     * <p>One plugin's fault never stops the others: a plugin that does not start, has no usable entry point, or
     * whose entry point fails while listing its components is refused ({@link VoxtokPluginManager#refuse}).
     * Component names are unique per kind: when two plugins offer the same tokenizer (teacher, ..., training
     * recipe) name, <em>both</em> are refused, since neither can be picked without guessing which one the user
     * meant; the user removes one or enables the other explicitly.
     */
    public static ComponentRegistry fromPlugins(VoxtokPluginManager manager) {
        manager.loadPlugins();
        manager.startPlugins();
        List<PluginComponents> listed = new ArrayList<>();
        for (PluginWrapper w : new ArrayList<>(manager.getPlugins())) {
            try {
                listed.add(list(manager, w));
            } catch (VoxtokException e) {
                manager.refuse(w.getPluginId(), e.getMessage());
            }
        }
        Map<String, String> clashes = clashes(listed);
        ComponentRegistry registry = new ComponentRegistry();
        for (PluginComponents p : listed) {
            String why = clashes.get(p.info().id());
            if (why != null) {
                manager.refuse(p.info().id(), why);
            } else {
                registry.plugins.add(p.info());
                registry.factories.addAll(p.info().factories());
                registry.recipes.addAll(p.recipes());
            }
        }
        return registry;
    }

    /** One started plugin's components, read once through its entry points. */
    private static PluginComponents list(VoxtokPluginManager manager, PluginWrapper w) {
        if (w.getPluginState() != PluginState.STARTED) {
            Throwable cause = w.getFailedException();
            throw new VoxtokException(ErrorKind.PLUGIN, "did not start (state " + w.getPluginState() + ")"
                    + (cause == null ? "" : ": " + cause.getMessage()), cause);
        }
        List<VoxtokPlugin> entries;
        try {
            entries = manager.getExtensions(VoxtokPlugin.class, w.getPluginId());
        } catch (RuntimeException | LinkageError e) {
            throw new VoxtokException(ErrorKind.PLUGIN, "its entry point cannot be created: " + e, e);
        }
        if (entries.isEmpty()) {
            throw new VoxtokException(ErrorKind.PLUGIN, "has no usable entry point: META-INF/services/"
                    + "io.voxtok.api.VoxtokPlugin is missing, or names a class that cannot be loaded or created"
                    + " (it must implement io.voxtok.api.VoxtokPlugin and have a public no-argument constructor;"
                    + " run with -v for the cause)");
        }
        PluginDescriptor d = w.getDescriptor();
        List<RegisteredFactory> factories = new ArrayList<>();
        List<io.voxtok.training.TrainingRecipe> recipes = new ArrayList<>();
        for (VoxtokPlugin entry : entries) {
            components(w.getPluginId(), entry, w.getPluginClassLoader(), factories, recipes);
        }
        return new PluginComponents(new PluginInfo(w.getPluginId(), d.getVersion(), d.getRequires(), d.getProvider(),
                d.getPluginDescription(), w.getPluginPath(), factories), recipes);
    }

    /** Reads the factories of one entry point (and the plugin's training recipes) with its context loader. */
    private static void components(String pluginId, VoxtokPlugin plugin, ClassLoader loader,
                                   List<RegisteredFactory> mine, List<io.voxtok.training.TrainingRecipe> recipes) {
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
            for (RegisteredFactory r : mine) {
                // an id is read once here so that a factory whose id() fails is this plugin's fault, now
                java.util.Objects.requireNonNull(r.factory().id(), "a factory's id()");
            }
            // Training recipes are plain ServiceLoader registrations of the plugin's own classes (the host's
            // class path is visible through the plugin loader too, so keep only classes the plugin defines).
            for (io.voxtok.training.TrainingRecipe r : java.util.ServiceLoader.load(
                    io.voxtok.training.TrainingRecipe.class, loader)) {
                if (r.getClass().getClassLoader() == loader && recipes.stream().noneMatch(o -> o.name().equals(r.name()))) {
                    recipes.add(ContextClassLoaderProxy.wrap(io.voxtok.training.TrainingRecipe.class, r, loader));
                }
            }
        } catch (RuntimeException | LinkageError | java.util.ServiceConfigurationError e) {
            throw new VoxtokException(ErrorKind.PLUGIN, "failed to list its components: " + e, e);
        } finally {
            t.setContextClassLoader(previous);
        }
    }

    /** For each plugin involved in a name clash, why it is refused. */
    private static Map<String, String> clashes(List<PluginComponents> listed) {
        Map<String, List<String>> providers = new LinkedHashMap<>();
        for (PluginComponents p : listed) {
            java.util.Set<String> names = new java.util.LinkedHashSet<>();
            for (RegisteredFactory r : p.info().factories()) {
                names.add(r.kind().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + " '" + r.factory().id() + "'");
            }
            for (io.voxtok.training.TrainingRecipe r : p.recipes()) {
                names.add("training recipe '" + r.name() + "'");
            }
            for (String n : names) {
                providers.computeIfAbsent(n, k -> new ArrayList<>()).add(p.info().id());
            }
        }
        Map<String, String> why = new LinkedHashMap<>();
        providers.forEach((name, ids) -> {
            if (ids.size() > 1) {
                for (String id : ids) {
                    List<String> others = ids.stream().filter(o -> !o.equals(id)).toList();
                    why.putIfAbsent(id, "provides " + name + ", which plugin" + (others.size() > 1 ? "s " : " ")
                            + String.join(", ", others) + " also provide" + (others.size() > 1 ? "" : "s")
                            + "; remove one of them, or enable only one (the plugins list in voxtok.yaml, or --enable-plugin)");
                }
            }
        });
        return why;
    }

    /** What one plugin contributes. */
    private record PluginComponents(PluginInfo info, List<io.voxtok.training.TrainingRecipe> recipes) {
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
