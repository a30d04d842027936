package io.voxtok.spark.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code voxtok spark}: Voxtok jobs on Apache Spark. */
@Command(name = "spark", mixinStandardHelpOptions = true,
        description = "Voxtok jobs on Apache Spark: embedded (local[*]) by default, or on a cluster under spark-submit.",
        subcommands = {SparkTokenizeCommand.class, SparkUnitsCommand.class, SparkFeaturesCommand.class,
                SparkCompareCommand.class})
public final class SparkCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
