package io.voxtok.spark.job;

import io.voxtok.api.token.Tokenizer;
import io.voxtok.runtime.VoxtokRuntime;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The per-JVM holder of Voxtok runtimes and tokenizers on an executor: the first task that needs a tokenizer starts
 * the runtime (engines, plugins) and loads the model; every later task in this JVM, of this job or the next, reuses
 * them. Tokenizers are safe for concurrent {@code encode} calls (SPI contract), so the tasks an executor runs at once
 * share one model. Runtimes close at JVM shutdown.
 */
public final class ExecutorTokenizers {
    private static final Logger LOG = LoggerFactory.getLogger(ExecutorTokenizers.class);
    private static final Map<ExecutorRuntimeSpec, VoxtokRuntime> RUNTIMES = new HashMap<>();
    private static final Map<Key, Tokenizer> TOKENIZERS = new HashMap<>();
    private static boolean hookInstalled;

    private ExecutorTokenizers() {
    }

    /** The tokenizer for {@code spec} in the runtime for {@code runtime}, created on first use in this JVM. */
    public static synchronized Tokenizer get(ExecutorRuntimeSpec runtime, TokenizeSpec spec) {
        Key key = new Key(runtime, spec);
        Tokenizer t = TOKENIZERS.get(key);
        if (t != null) {
            return t;
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
        t = rt.createTokenizer(spec.tokenizer(), spec.config());
        LOG.info("tokenizer {} loaded in this JVM in {} ms", t.producer(), (System.nanoTime() - t0) / 1_000_000);
        TOKENIZERS.put(key, t);
        return t;
    }

    private static void installShutdownHook() {
        if (hookInstalled) {
            return;
        }
        hookInstalled = true;
        Runtime.getRuntime().addShutdownHook(new Thread(ExecutorTokenizers::closeAll, "voxtok-runtime-close"));
    }

    /** Closes every runtime (and so every tokenizer) of this JVM. */
    static synchronized void closeAll() {
        TOKENIZERS.clear();
        for (VoxtokRuntime rt : RUNTIMES.values()) {
            try {
                rt.close();
            } catch (RuntimeException e) {
                LOG.warn("closing a Voxtok runtime failed: {}", e.toString());
            }
        }
        RUNTIMES.clear();
    }

    private record Key(ExecutorRuntimeSpec runtime, TokenizeSpec spec) {
    }
}
