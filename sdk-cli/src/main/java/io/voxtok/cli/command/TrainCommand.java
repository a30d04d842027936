package io.voxtok.cli.command;

import io.voxtok.cli.support.PathArguments;
import io.voxtok.cli.support.RuntimeOptions;
import io.voxtok.cli.support.TrainingRecipes;
import io.voxtok.runtime.VoxtokRuntime;
import io.voxtok.training.TrainingRecipe;
import io.voxtok.training.TrainingRequest;
import io.voxtok.training.TrainingResult;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code voxtok train RECIPE}: runs (or resumes) a training run of a recipe that a plugin contributes, on a corpus
 * (random crops) or on fixed batches from a start state. {@code voxtok train --list} (or no recipe) lists the
 * recipes. Exit code 1 when the recipe reports a failed parity check ({@value #PARITY_FAILED} = 1 in the result's
 * metrics, only with {@code --expected}).
 */
@Command(name = "train",
        description = {"Train a tokenizer with a recipe a plugin provides; --list shows the recipes.",
                "Data: --corpus DIR|MANIFEST (random crops), or --batches DIR with --init DIR (fixed batches from a"
                        + " start state), or --tokens DIR (a token corpus from 'voxtok lm prepare', for language"
                        + " models). --resume continues the latest checkpoint of an existing run directory."})
public final class TrainCommand implements Callable<Integer> {
    /** The result metric a recipe sets to 1 when a check against {@code --expected} failed. */
    public static final String PARITY_FAILED = "parity_failed";
    /** The option key {@code --expected} is passed under. */
    public static final String EXPECTED = "expected";

    private static final Logger LOG = LoggerFactory.getLogger(TrainCommand.class);

    @Mixin
    RuntimeOptions runtime;

    @Parameters(index = "0", arity = "0..1", paramLabel = "RECIPE", description = "training recipe, e.g. speechtokenizer")
    String recipe;

    @Option(names = "--list", description = "list the training recipes and exit")
    boolean list;

    @Option(names = "--config", paramLabel = "TRAIN.json",
            description = "training configuration (model and trainer); with --resume, the run's own by default")
    Path config;

    @Option(names = "--corpus", paramLabel = "DIR|MANIFEST", description = "corpus directory or JSONL manifest")
    Path corpus;

    @Option(names = "--tokens", paramLabel = "DIR",
            description = "token corpus made by 'voxtok lm prepare' (language-model recipes such as uslm)")
    Path tokens;

    @Option(names = "--teacher-cache", paramLabel = "DIR",
            description = "cached teacher features ('voxtok features'), the distillation target")
    Path teacherCache;

    @Option(names = {"-o", "--output", "--out"}, paramLabel = "RUN_DIR", description = "run directory (checkpoints, logs)")
    Path output;

    @Option(names = "--resume", description = "continue from the latest checkpoint in RUN_DIR (must exist)")
    boolean resume;

    @Option(names = "--init", paramLabel = "DIR|NAME", description = "start state dicts (official key names), or a"
            + " model directory or shipped model name to fine-tune")
    Path init;

    @Option(names = "--batches", paramLabel = "DIR",
            description = "fixed batches taken in order (step{N}_x.npy, step{N}_teacher.npy); needs --init")
    Path batches;

    @Option(names = "--steps", paramLabel = "N", description = "steps to run (overrides the configuration)")
    Integer steps;

    @Option(names = {"-O", "--option"}, paramLabel = "KEY=VALUE", description = "recipe option (repeatable)")
    Map<String, String> options = new LinkedHashMap<>();

    @Option(names = "--expected", paramLabel = "DIR",
            description = "reference results to check the run against (exit code 1 if a check fails)")
    Path expected;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (list || recipe == null) {
            if (!list && anyTrainingOption()) {
                throw new IllegalArgumentException("missing RECIPE: voxtok train RECIPE --config TRAIN.json ..."
                        + " ('voxtok train --list' shows the recipes)");
            }
            try (VoxtokRuntime rt = runtime.start()) {
                TrainingRecipes.list(rt.registry().trainingRecipes(), rt.config().pluginsDir().toString(), out);
            }
            out.flush();
            return 0;
        }
        TrainingRequest request = request();
        TrainingResult result;
        try (VoxtokRuntime rt = runtime.start()) {
            TrainingRecipe r = TrainingRecipes.find(rt, recipe);
            LOG.info("training {} on {}: {}", r.name(), rt.backend().device(), request);
            result = r.train(request);
        }
        return report(result, out, spec.commandLine().getErr());
    }

    private boolean anyTrainingOption() {
        return config != null || corpus != null || tokens != null || teacherCache != null || output != null || resume || init != null
                || batches != null || steps != null || !options.isEmpty() || expected != null;
    }

    /**
     * Checks the option combination and the paths, and builds the request (paths made absolute; the configuration
     * is {@code null} when resuming without {@code --config}).
     *
     * @throws IllegalArgumentException (usage error) naming the option, path and problem
     */
    TrainingRequest request() {
        if (config == null && !resume) {
            throw new IllegalArgumentException("missing --config TRAIN.json (the training configuration)");
        }
        if (output == null) {
            throw new IllegalArgumentException("missing -o RUN_DIR (the run directory)");
        }
        Path cfg = config == null ? null : PathArguments.file("--config", config);
        if ((corpus != null ? 1 : 0) + (batches != null ? 1 : 0) + (tokens != null ? 1 : 0) > 1) {
            throw new IllegalArgumentException("give one kind of training data, not both: --corpus, --batches (with"
                    + " --init) or --tokens");
        }
        if (batches != null && init == null) {
            throw new IllegalArgumentException("--batches " + batches + " needs --init DIR (the start state dicts)");
        }
        if (corpus == null && batches == null && tokens == null) {
            throw new IllegalArgumentException("missing training data: give --corpus DIR|MANIFEST, --batches DIR"
                    + " with --init DIR, or --tokens DIR");
        }
        if (steps != null && steps < 1) {
            throw new IllegalArgumentException("--steps must be >= 1, got " + steps);
        }
        Path run;
        if (resume) {
            if (!Files.isDirectory(output)) {
                throw new IllegalArgumentException("--resume: run directory " + output
                        + (Files.exists(output) ? " is not a directory" : " does not exist"));
            }
            run = output.toAbsolutePath().normalize();
        } else {
            run = PathArguments.outputDirectory("-o", output);
        }
        Map<String, String> opts = new LinkedHashMap<>(options);
        if (expected != null) {
            if (opts.containsKey(EXPECTED)) {
                throw new IllegalArgumentException("give --expected DIR or -O expected=DIR, not both");
            }
            opts.put(EXPECTED, PathArguments.directory("--expected", expected).toString());
        }
        return new TrainingRequest(cfg,
                corpus == null ? null : PathArguments.existing("--corpus", corpus),
                teacherCache == null ? null : PathArguments.directory("--teacher-cache", teacherCache),
                run, resume,
                init == null ? null : PathArguments.directory("--init", RuntimeOptions.resolveModel(init)),
                batches == null ? null : PathArguments.directory("--batches", batches),
                steps, opts, tokens == null ? null : PathArguments.directory("--tokens", tokens));
    }

    /** Prints the summary of {@code result}; returns the exit code (1 when a parity check failed). */
    static int report(TrainingResult result, PrintWriter out, PrintWriter err) {
        out.printf("run %s: step %d, %s%n", result.output(), result.step(),
                result.interrupted() ? "interrupted (checkpoint written; continue with --resume)" : "completed");
        Map<String, Double> metrics = new TreeMap<>(result.metrics());
        int width = metrics.keySet().stream().mapToInt(String::length).max().orElse(0);
        for (Map.Entry<String, Double> e : metrics.entrySet()) {
            out.printf("  %-" + width + "s  %.6g%n", e.getKey(), e.getValue());
        }
        out.flush();
        Double parity = result.metrics().get(PARITY_FAILED);
        if (parity != null && parity != 0.0) {
            err.printf("voxtok: error: parity check failed (%s = %s); see %s%n", PARITY_FAILED, parity,
                    result.output());
            err.flush();
            return 1;
        }
        return 0;
    }
}
