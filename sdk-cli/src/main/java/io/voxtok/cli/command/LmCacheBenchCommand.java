package io.voxtok.cli.command;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.voxtok.api.ComponentConfig;
import io.voxtok.api.lm.LanguageModel;
import io.voxtok.api.lm.SamplingParams;
import io.voxtok.api.lm.TokenIdRequest;
import io.voxtok.api.token.TokenMatrix;
import io.voxtok.api.token.TokenProducer;
import io.voxtok.cli.support.RuntimeOptions;
import io.voxtok.modelio.AtomicFiles;
import io.voxtok.runtime.VoxtokRuntime;
import io.voxtok.runtime.bench.SpeedBenchmark;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code voxtok bench lm-cache}: the speed-up of the KV-cached AR loop over the official uncached one, on a
 * fixed-length generation (EOS suppressed) with random weights of a given configuration; writes JSON and Markdown.
 * Both runs use the same weights (same seed) and greedy decoding, and must produce identical codes.
 */
@Command(name = "lm-cache", description = "Measure the KV-cache speed-up of USLM/VALL-E generation; writes JSON + Markdown.")
public final class LmCacheBenchCommand implements Callable<Integer> {
    @Mixin
    RuntimeOptions runtime;

    @Option(names = {"-l", "--lm"}, defaultValue = "uslm", paramLabel = "NAME", description = "language model (default uslm)")
    String lm;

    @Option(names = "--config", required = true, paramLabel = "CONFIG.json",
            description = "model configuration (e.g. configs/uslm/released-size.json); weights are random")
    Path config;

    @Option(names = "--frames", defaultValue = "500", description = "generated frames (default 500 = 10 s at 50 Hz)")
    int frames;

    @Option(names = "--prompt-frames", defaultValue = "150", description = "prompt frames (default 150 = 3 s)")
    int promptFrames;

    @Option(names = "--text-length", defaultValue = "40", description = "text ids incl. BOS/EOS (default 40)")
    int textLength;

    @Option(names = "--skip-uncached", description = "time only the cached loop (the uncached one is very slow at full size)")
    boolean skipUncached;

    @Option(names = "--repeats", defaultValue = "3",
            description = "cached runs (the median is reported; the uncached loop runs once, default 3)")
    int repeats;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE.json", description = "JSON report (Markdown next to it)")
    Path output;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    /** The report. */
    public record LmCacheReport(String lm, String config, int frames, int promptFrames, int textLength,
                                double cachedSeconds, java.util.List<Double> cachedRuns, Double uncachedSeconds, Double speedup, Boolean identicalCodes,
                                Map<String, String> environment) {
    }

    @Override
    public Integer call() throws Exception {
        Random r = new Random(1);
        long[] text = new long[textLength];
        text[0] = 1;
        text[textLength - 1] = 2;
        for (int i = 1; i < textLength - 1; i++) {
            text[i] = 3 + r.nextInt(509);
        }
        int[] codes = new int[8 * promptFrames];
        for (int i = 0; i < codes.length; i++) {
            codes[i] = r.nextInt(1024);
        }
        TokenMatrix prompt = TokenMatrix.of(codes, 8, 1, promptFrames, 0, 1024, 50.0, new int[] {promptFrames},
                new TokenProducer("speechtokenizer", "default", "none"));
        TokenIdRequest req = new TokenIdRequest(text, Optional.of(prompt), OptionalInt.empty(),
                new SamplingParams(1f, 1, 1f, frames), 0);
        PrintWriter out = spec.commandLine().getOut();
        LmCacheReport report;
        try (VoxtokRuntime rt = runtime.start()) {
            if (repeats < 1) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--repeats must be >= 1");
            }
            java.util.List<Double> runs = new java.util.ArrayList<>();
            TokenMatrix a = null;
            try (LanguageModel m = create(rt, true)) {
                for (int i = 0; i < repeats; i++) {
                    long t0 = System.nanoTime();
                    TokenMatrix r2 = m.generateFromIds(req);
                    runs.add((System.nanoTime() - t0) / 1e9);
                    if (a != null && !a.equals(r2)) {
                        throw new IllegalStateException("cached generation is not deterministic across repeats");
                    }
                    a = r2;
                }
            }
            java.util.List<Double> sorted = new java.util.ArrayList<>(runs);
            java.util.Collections.sort(sorted);
            double cached = sorted.get(sorted.size() / 2);
            out.printf("cached: %d frames in %.2f s (median of %s)%n", a.frames(), cached, runs);
            out.flush();
            Double uncached = null;
            Boolean same = null;
            if (!skipUncached) {
                try (LanguageModel m = create(rt, false)) {
                    long t0 = System.nanoTime();
                    TokenMatrix b = m.generateFromIds(req);
                    uncached = (System.nanoTime() - t0) / 1e9;
                    same = a.equals(b);
                }
                out.printf("uncached: %.2f s, speed-up %.1fx, identical codes: %s%n", uncached, uncached / cached, same);
            }
            Map<String, String> env = new LinkedHashMap<>(SpeedBenchmark.environment(rt.backend()));
            env.put("djl", ai.djl.engine.Engine.getDjlVersion());
            env.put("pytorch", ai.djl.engine.Engine.getEngine("PyTorch").getVersion());
            env.put("threads", Integer.toString(rt.backend().intraOpThreads()));
            env.put("OMP_NUM_THREADS", String.valueOf(System.getenv("OMP_NUM_THREADS")));
            report = new LmCacheReport(lm, config.toString(), a.frames(), promptFrames, textLength, cached, runs, uncached,
                    uncached == null ? null : uncached / cached, same, env);
        }
        Path target = output != null ? output : RuntimeOptions.home().resolve("bench-results").resolve("lm-cache-" + lm + ".json");
        AtomicFiles.writeString(target, new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(report));
        String md = "# KV-cache speed-up (" + lm + ")\n\n"
                + "| config | prompt frames | text ids | generated frames | cached s | uncached s | speed-up | identical codes |\n"
                + "|---|---|---|---|---|---|---|---|\n"
                + String.format(java.util.Locale.ROOT, "| %s | %d | %d | %d | %.2f | %s | %s | %s |%n", config.getFileName(),
                promptFrames, textLength, report.frames(), report.cachedSeconds(),
                report.uncachedSeconds() == null ? "-" : String.format(java.util.Locale.ROOT, "%.2f", report.uncachedSeconds()),
                report.speedup() == null ? "-" : String.format(java.util.Locale.ROOT, "%.1fx", report.speedup()),
                report.identicalCodes() == null ? "-" : report.identicalCodes())
                + "\nEnvironment: " + report.environment() + "\n";
        String name = target.getFileName().toString();
        Path mdFile = target.resolveSibling(name.endsWith(".json") ? name.substring(0, name.length() - 5) + ".md" : name + ".md");
        AtomicFiles.writeString(mdFile, md);
        out.printf("wrote %s and %s%n", target, mdFile);
        out.flush();
        return 0;
    }

    private LanguageModel create(VoxtokRuntime rt, boolean kvCache) {
        ComponentConfig c = new ComponentConfig(Map.of("random-init", "true", "config", config.toAbsolutePath().toString(),
                "seed", "1", "suppress-eos", "true", "kv-cache", Boolean.toString(kvCache)), Optional.empty());
        return rt.createLanguageModel(lm, c);
    }
}
