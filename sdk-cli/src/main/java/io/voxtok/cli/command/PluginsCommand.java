package io.voxtok.cli.command;

import io.voxtok.api.ComponentFactory;
import io.voxtok.api.token.TokenizerFactory;
import io.voxtok.api.token.TokenizerSpec;
import io.voxtok.cli.support.RuntimeOptions;
import io.voxtok.runtime.VoxtokRuntime;
import io.voxtok.runtime.plugin.RefusedPlugin;
import io.voxtok.runtime.registry.PluginInfo;
import io.voxtok.runtime.registry.RegisteredFactory;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code voxtok plugins}: every plugin with its version, components and their capabilities. */
@Command(name = "plugins", description = "List plugins, their components and capabilities.")
public final class PluginsCommand implements Callable<Integer> {
    @Mixin
    RuntimeOptions runtime;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (VoxtokRuntime rt = runtime.start()) {
            out.printf("Voxtok SPI %s, backend %s on %s, %d threads, plugins from %s%n", io.voxtok.api.SpiVersion.CURRENT,
                    rt.backend().kind(), rt.backend().device(), rt.backend().intraOpThreads(), rt.config().pluginsDir());
            for (PluginInfo p : rt.plugins()) {
                out.printf("%n%s %s  (requires SPI %s; %s)%n", p.id(), p.version(), p.requires(),
                        p.provider() == null ? "unknown provider" : p.provider());
                if (p.description() != null && !p.description().isBlank()) {
                    out.printf("  %s%n", p.description());
                }
                if (p.factories().isEmpty()) {
                    out.printf("  (no components yet)%n");
                }
                for (RegisteredFactory r : p.factories()) {
                    ComponentFactory<?> f = r.factory();
                    out.printf("  %-14s %-28s backends %s%n", r.kind().name().toLowerCase().replace('_', '-'), f.id(),
                            f.supportedBackends());
                    out.printf("  %-14s %s%n", "", f.description());
                    if (f instanceof TokenizerFactory tf) {
                        TokenizerSpec s = tf.defaultSpec();
                        out.printf("  %-14s %d Hz x%d, hop %d (%.2f frames/s), %d layer(s) x %d codes, semantic layers %d,"
                                        + " %s, %s, %s%n", "", s.sampleRate(), s.channels(), s.hopLength(), s.frameRate(),
                                s.numLayers(), s.codebookSize(), s.semanticLayers(), s.causal() ? "causal" : "non-causal",
                                s.streamable() ? "streamable" : "not streamable",
                                tf.requiresModel() ? "needs --model" : "no weights needed");
                    }
                }
            }
            for (RefusedPlugin r : rt.refusedPlugins()) {
                out.printf("%nREFUSED %s %s at %s: %s%n", r.id(), r.version(), r.path(), r.reason());
            }
            for (io.voxtok.runtime.plugin.ShadowedPlugin s : rt.shadowedPlugins()) {
                out.printf("%nSHADOWED %s %s at %s: version %s at %s is loaded%n", s.id(), s.version(), s.path(),
                        s.loadedVersion(), s.loadedPath());
            }
        }
        out.flush();
        return 0;
    }
}
