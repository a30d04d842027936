package io.voxtok.spark.job;

import io.voxtok.runtime.VoxtokRuntime;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The per-JVM holder of Voxtok runtimes and loaded components on an executor: the first task that needs a recipe
 * starts the runtime (engines, plugins) and loads the model; every later task in this JVM, of this job or the next,
 * reuses them. Components are safe for concurrent use (SPI contracts), so the tasks an executor runs at once share
 * one model. Runtimes close at JVM shutdown.
 */
public final class ExecutorComponents {
    private static final Logger LOG = LoggerFactory.getLogger(ExecutorComponents.class);
    private static final Map<ExecutorRuntimeSpec, VoxtokRuntime> RUNTIMES = new HashMap<>();
    private static final Map<Key, PreparedRecipe<?>> PREPARED = new HashMap<>();
    private static boolean hookInstalled;

    private ExecutorComponents() {
    }

    /** {@code recipe} prepared in the runtime for {@code runtime}, on first use in this JVM. */
    @SuppressWarnings("unchecked")
    public static synchronized <R> PreparedRecipe<R> get(ExecutorRuntimeSpec runtime, ShardRecipe<R> recipe) {
        Key key = new Key(runtime, recipe);
        PreparedRecipe<?> p = PREPARED.get(key);
        if (p != null) {
            return (PreparedRecipe<R>) p;
        }
        VoxtokRuntime rt = RUNTIMES.get(runtime);
        if (rt == null) {
            long t0 = System.nanoTime();
            rt = VoxtokRuntime.start(runtime.toConfig(ExecutorPaths.locate(runtime.pluginsDir(), null, "plugins folder")));
            RUNTIMES.put(runtime, rt);
            installShutdownHook();
            LOG.info("Voxtok runtime started in this JVM in {} ms ({} plugins, {} engine threads per task)",
                    (System.nanoTime() - t0) / 1_000_000, rt.plugins().size(), runtime.threads());
        }
        long t0 = System.nanoTime();
        PreparedRecipe<R> prepared = recipe.prepare(rt);
        LOG.info("{} {} loaded in this JVM in {} ms", prepared.describe().kind(), prepared.describe().producer(),
                (System.nanoTime() - t0) / 1_000_000);
        PREPARED.put(key, prepared);
        return prepared;
    }

    private static void installShutdownHook() {
        if (hookInstalled) {
            return;
        }
        hookInstalled = true;
        Runtime.getRuntime().addShutdownHook(new Thread(ExecutorComponents::closeAll, "voxtok-runtime-close"));
    }

    /** Closes every runtime (and so every component) of this JVM. */
    static synchronized void closeAll() {
        PREPARED.clear();
        for (VoxtokRuntime rt : RUNTIMES.values()) {
            try {
                rt.close();
            } catch (RuntimeException e) {
                LOG.warn("closing a Voxtok runtime failed: {}", e.toString());
            }
        }
        RUNTIMES.clear();
    }

    private record Key(ExecutorRuntimeSpec runtime, ShardRecipe<?> recipe) {
    }
}
