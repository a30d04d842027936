package io.voxtok.cli.command;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.voxtok.cli.support.PathArguments;
import io.voxtok.cli.support.RuntimeOptions;
import io.voxtok.cli.support.TrainingRecipes;
import io.voxtok.modelio.AtomicFiles;
import io.voxtok.runtime.VoxtokRuntime;
import io.voxtok.runtime.bench.SpeedBenchmark;
import io.voxtok.training.TrainingRecipe;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code voxtok bench train-step}: times full training steps (discriminators and generator) of a recipe with random
 * weights and audio; prints a table and writes the recipe's measurements as JSON, with the same device and
 * environment fields as {@code voxtok bench speed}.
 */
@Command(name = "train-step",
        description = "Time training steps of a recipe (random weights and audio); prints and writes JSON.")
public final class TrainStepBenchCommand implements Callable<Integer> {
    @Mixin
    RuntimeOptions runtime;

    @Option(names = "--config", required = true, paramLabel = "TRAIN.json", description = "training configuration")
    Path config;

    @Option(names = "--warmup", defaultValue = "1", description = "untimed steps first (default ${DEFAULT-VALUE})")
    int warmup;

    @Option(names = "--repeats", defaultValue = "3", description = "timed steps (default ${DEFAULT-VALUE})")
    int repeats;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE.json",
            description = "where to write the JSON report (default: bench-results/train-step-RECIPE.json)")
    Path output;

    @Option(names = "--recipe", defaultValue = "speechtokenizer", paramLabel = "NAME",
            description = "training recipe (default ${DEFAULT-VALUE})")
    String recipe;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (warmup < 0) {
            throw new IllegalArgumentException("--warmup must be >= 0, got " + warmup);
        }
        if (repeats < 1) {
            throw new IllegalArgumentException("--repeats must be >= 1, got " + repeats);
        }
        Path cfg = PathArguments.file("--config", config);
        Path target = output != null ? output
                : RuntimeOptions.home().resolve("bench-results").resolve("train-step-" + recipe + ".json");
        PathArguments.outputFile("-o", target);
        Map<String, Object> report = new LinkedHashMap<>();
        try (VoxtokRuntime rt = runtime.start()) {
            TrainingRecipe r = TrainingRecipes.find(rt, recipe);
            Map<String, Object> measured = r.benchmarkStep(cfg, warmup, repeats);
            report.put("recipe", r.name());
            report.put("config", cfg.toString());
            report.put("device", rt.backend().device() + ", " + rt.backend().intraOpThreads() + " threads");
            report.put("warmup", warmup);
            report.put("repeats", repeats);
            report.putAll(measured);
            report.putIfAbsent("peakRssBytes", SpeedBenchmark.peakRss());
            report.putIfAbsent("environment", SpeedBenchmark.environment(rt.backend()));
        }
        String text = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(report);
        PrintWriter out = spec.commandLine().getOut();
        printTable(report, out);
        AtomicFiles.writeString(target, text);
        out.printf("wrote %s%n", target);
        out.flush();
        return 0;
    }

    /**
     * One row per entry: numbers and text as they are; lists of numbers as count, median, min and max; nested maps
     * one level down ({@code parent.key}); the environment is left to the JSON.
     */
    static void printTable(Map<String, Object> report, PrintWriter out) {
        Map<String, String> rows = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : report.entrySet()) {
            if (e.getKey().equals("environment")) {
                continue;
            }
            if (e.getValue() instanceof Map<?, ?> m) {
                m.forEach((k, v) -> rows.put(e.getKey() + "." + k, cell(v)));
            } else {
                rows.put(e.getKey(), cell(e.getValue()));
            }
        }
        int width = rows.keySet().stream().mapToInt(String::length).max().orElse(0);
        rows.forEach((k, v) -> out.printf("  %-" + width + "s  %s%n", k, v));
    }

    private static String cell(Object v) {
        if (v instanceof Double || v instanceof Float) {
            return String.format("%.6g", ((Number) v).doubleValue());
        }
        if (v instanceof Collection<?> c && !c.isEmpty() && c.stream().allMatch(x -> x instanceof Number)) {
            List<Double> s = new ArrayList<>();
            c.forEach(x -> s.add(((Number) x).doubleValue()));
            Collections.sort(s);
            int n = s.size();
            double median = n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
            return String.format("%d values: median %.6g, min %.6g, max %.6g", n, median, s.get(0), s.get(n - 1));
        }
        return String.valueOf(v);
    }
}
