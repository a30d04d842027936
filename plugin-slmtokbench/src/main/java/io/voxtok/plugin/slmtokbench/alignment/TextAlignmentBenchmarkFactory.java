package io.voxtok.plugin.slmtokbench.alignment;

import io.voxtok.api.ComponentConfig;
import io.voxtok.api.ComponentContext;
import io.voxtok.api.ComponentId;
import io.voxtok.api.VoxtokException;
import io.voxtok.api.backend.BackendKind;
import io.voxtok.api.bench.Benchmark;
import io.voxtok.api.bench.BenchmarkFactory;
import io.voxtok.metrics.bench.BenchmarkResources;
import io.voxtok.plugin.slmtokbench.common.Resources;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * Creates {@link TextAlignmentBenchmark}s, named {@value #NAME}, with the probe preset of the host's preset
 * ({@code small} or {@code paper}, {@link ProbePreset#byName}). Options: {@code epochs=N} (training epochs instead of
 * the preset's) and {@code combination=sum|concat} (how several token layers' embeddings are combined; default
 * {@code sum}).
 */
public final class TextAlignmentBenchmarkFactory implements BenchmarkFactory {
    /** The benchmark's name (the report's MI and probe WER columns read it). */
    public static final String NAME = "text-alignment";
    private static final ComponentId ID = ComponentId.of(NAME);

    /** The factory. */
    public TextAlignmentBenchmarkFactory() {
    }

    @Override
    public ComponentId id() {
        return ID;
    }

    @Override
    public String description() {
        return "BiLSTM-CTC text-alignment probe: vCLUB mutual information (log q = -CTC) and probe WER/CER, learning"
                + " curve (options: epochs=N, combination=sum|concat)";
    }

    @Override
    public Set<BackendKind> supportedBackends() {
        // The probe runs on the PyTorch engine the host always starts; the subject brings its own backend.
        return EnumSet.allOf(BackendKind.class);
    }

    @Override
    public Benchmark create(ComponentConfig config, ComponentContext context) {
        config.requireKnownKeys(Set.of("epochs", "combination"));
        BenchmarkResources r = Resources.of(context);
        ProbePreset preset = preset(r.preset(), config);
        return new TextAlignmentBenchmark(ID, r, preset);
    }

    /** The preset named {@code name} with the options of {@code config} applied. */
    static ProbePreset preset(String name, ComponentConfig config) {
        ProbePreset p = ProbePreset.byName(name);
        if (config.get("epochs").isPresent()) {
            String v = config.get("epochs").get();
            try {
                p = p.withEpochs(Integer.parseInt(v.trim()));
            } catch (NumberFormatException e) {
                throw VoxtokException.userInput(NAME + " option epochs=" + v + ": not a whole number");
            }
        }
        if (config.get("combination").isPresent()) {
            String v = config.get("combination").get().trim().toUpperCase(Locale.ROOT);
            try {
                p = p.withCombination(InputCombination.valueOf(v));
            } catch (IllegalArgumentException e) {
                throw VoxtokException.userInput(NAME + " option combination=" + v.toLowerCase(Locale.ROOT)
                        + ": expected sum or concat");
            }
        }
        return p;
    }
}
