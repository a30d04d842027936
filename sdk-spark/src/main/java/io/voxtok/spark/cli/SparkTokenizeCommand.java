package io.voxtok.spark.cli;

import io.voxtok.cli.support.RuntimeOptions;
import io.voxtok.cli.support.TokenizerSelection;
import io.voxtok.spark.job.TokenizeRecipe;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code voxtok spark tokenize}: a corpus to sharded Parquet token files on Spark. Embedded with {@code local[*]}
 * unless {@code --master} says otherwise or spark-submit set {@code spark.master}.
 */
@Command(name = "tokenize", mixinStandardHelpOptions = true,
        description = {"Tokenize a corpus on Spark into Parquet shards (OUT/tokens), with a failures table "
                + "(OUT/failures) and a manifest (OUT/manifest.json). A re-run into the same OUT skips committed shards.",
                "Runs embedded (local[*]) by default; under spark-submit it uses the submitted master.",
                "Thread budget: --threads N is the engine's threads per task (default 1 here, not all cores), and each "
                        + "task reserves N task CPUs (spark.task.cpus), so an executor with C cores runs C / N tasks at once."})
public final class SparkTokenizeCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;
    @Mixin
    RuntimeOptions runtime;
    @Mixin
    TokenizerSelection selection;
    @Mixin
    CorpusJobOptions job;

    @Option(names = "--n-q", paramLabel = "N", description = "end layer (exclusive, like the official n_q); default all")
    Integer nq;

    @Option(names = "--start-layer", paramLabel = "S", description = "first layer, 0-based (the official st); default 0")
    int startLayer;

    @Override
    public Integer call() {
        Path model = selection.config().model().orElse(null);
        Map<String, String> options = new LinkedHashMap<>(selection.config().properties());
        String modelArg = selection.model == null ? null : selection.model.toString();
        return job.run(spec, runtime, new TokenizeRecipe(selection.tokenizer,
                model == null ? null : model.toAbsolutePath().toString(), modelArg, options, startLayer, nq == null ? -1 : nq),
                modelArg, "voxtok spark tokenize");
    }
}
