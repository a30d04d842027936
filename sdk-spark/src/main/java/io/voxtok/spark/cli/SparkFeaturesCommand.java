package io.voxtok.spark.cli;

import io.voxtok.cli.support.RuntimeOptions;
import io.voxtok.cli.support.TeacherSelection;
import io.voxtok.spark.job.FeaturesRecipe;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code voxtok spark features}: a corpus to sharded Parquet files of a teacher's features on Spark. */
@Command(name = "features", mixinStandardHelpOptions = true,
        description = {"Extract teacher features (one hidden state, or avg) of a corpus on Spark (what 'voxtok features' "
                + "does for files), as Parquet shards (OUT/features, [frame][dim] floats), a failures table and a manifest. "
                + "A re-run into the same OUT skips committed shards.",
                "Runs embedded (local[*]) by default; under spark-submit it uses the submitted master. --threads N: "
                        + "engine threads per task (default 1), each task reserving N task CPUs."})
public final class SparkFeaturesCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;
    @Mixin
    RuntimeOptions runtime;
    @Mixin
    TeacherSelection selection;
    @Mixin
    CorpusJobOptions job;

    @Override
    public Integer call() {
        if (selection.model == null) {
            throw new IllegalArgumentException("missing --model DIR (the teacher's model directory)");
        }
        String model = RuntimeOptions.resolveModel(selection.model).toAbsolutePath().toString();
        FeaturesRecipe recipe = new FeaturesRecipe(selection.teacher, model, selection.model.toString(), selection.options,
                selection.layer);
        return job.run(spec, runtime, recipe, selection.model.toString(), "voxtok spark features");
    }
}
