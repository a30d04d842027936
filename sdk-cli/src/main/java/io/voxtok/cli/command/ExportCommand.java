package io.voxtok.cli.command;

import io.voxtok.cli.support.PathArguments;
import io.voxtok.cli.support.RuntimeOptions;
import io.voxtok.cli.support.TrainingRecipes;
import io.voxtok.runtime.VoxtokRuntime;
import io.voxtok.training.TrainingRecipe;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code voxtok export --official RUN_DIR -o MODEL_DIR}: the generator of a training run (its latest or best
 * checkpoint) in the layout of the original implementation, written by the run's recipe.
 */
@Command(name = "export",
        description = "Export the generator of a training run in the original implementation's layout.")
public final class ExportCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(ExportCommand.class);

    @Mixin
    RuntimeOptions runtime;

    @Option(names = "--official", required = true, paramLabel = "RUN_DIR",
            description = "run directory written by 'voxtok train'; export in the official layout")
    Path runDir;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "MODEL_DIR",
            description = "output directory (created; files of the same names are replaced)")
    Path output;

    @Option(names = "--best", description = "export the best-dev checkpoint instead of the latest")
    boolean best;

    @Option(names = "--recipe", defaultValue = "speechtokenizer", paramLabel = "NAME",
            description = "the recipe that trained the run (default ${DEFAULT-VALUE})")
    String recipe;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        Path run = PathArguments.directory("--official", runDir);
        Path model = PathArguments.outputDirectory("-o", output);
        List<Path> written;
        try (VoxtokRuntime rt = runtime.start()) {
            TrainingRecipe r = TrainingRecipes.find(rt, recipe);
            LOG.info("exporting {} checkpoint of {} with {} to {}", best ? "best" : "latest", run, r.name(), model);
            written = r.exportOfficial(run, model, best);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.printf("exported the %s checkpoint of %s to %s:%n", best ? "best" : "latest", run, model);
        for (Path f : written) {
            out.printf("  %s%n", f);
        }
        out.flush();
        return 0;
    }
}
