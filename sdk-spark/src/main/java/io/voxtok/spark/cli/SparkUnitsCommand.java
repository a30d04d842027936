package io.voxtok.spark.cli;

import io.voxtok.cli.support.RuntimeOptions;
import io.voxtok.cli.support.TeacherSelection;
import io.voxtok.api.VoxtokException;
import io.voxtok.spark.job.UnitsRecipe;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code voxtok spark units}: a corpus to sharded Parquet files of a teacher's k-means units on Spark. */
@Command(name = "units", mixinStandardHelpOptions = true,
        description = {"Turn a corpus into k-means units of teacher features on Spark (what 'voxtok units' does for "
                + "files), as Parquet shards (OUT/units), a failures table (OUT/failures) and a manifest. Make the "
                + "centroids with 'voxtok units fit'. A re-run into the same OUT skips committed shards.",
                "Runs embedded (local[*]) by default; under spark-submit it uses the submitted master. --threads N: "
                        + "engine threads per task (default 1), each task reserving N task CPUs."})
public final class SparkUnitsCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;
    @Mixin
    RuntimeOptions runtime;
    @Mixin
    TeacherSelection selection;
    @Mixin
    CorpusJobOptions job;

    @Option(names = "--centroids", required = true, paramLabel = "C.npy", description = "k-means centroids (k, dim)")
    Path centroids;

    @Option(names = "--dedup", description = "collapse runs of the same unit (deduplicated sequences)")
    boolean dedup;

    @Override
    public Integer call() {
        if (selection.model == null) {
            throw new IllegalArgumentException("missing --model DIR (the teacher's model directory)");
        }
        if (!Files.isRegularFile(centroids)) {
            throw VoxtokException.userInput(centroids + ": no such centroids file");
        }
        Path model = RuntimeOptions.resolveModel(selection.model).toAbsolutePath();
        Path c = centroids.toAbsolutePath().normalize();
        UnitsRecipe recipe = new UnitsRecipe(selection.teacher, model.toString(), selection.model.toString(),
                selection.options, selection.layer, c.toString(), centroids.toString(), UnitsRecipe.sha256(c), dedup);
        return job.run(spec, runtime, recipe, selection.model.toString(), "voxtok spark units");
    }
}
