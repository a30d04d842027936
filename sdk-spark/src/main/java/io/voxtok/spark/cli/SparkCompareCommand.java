package io.voxtok.spark.cli;

import io.voxtok.spark.verify.EncodeComparison;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code voxtok spark compare}: a job's shards against {@code voxtok encode}'s .vtok files, code for code. */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = {"Compare the token shards of 'voxtok spark tokenize' with the .vtok files 'voxtok encode' wrote "
                + "for the same audio (row id DIR/NAME is matched with NAME.vtok): producer, layers and every code.",
                "Exit code 0 when every .vtok has an equal row, 1 otherwise."})
public final class SparkCompareCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--shards", required = true, paramLabel = "OUT", description = "the output folder of spark tokenize")
    String shards;

    @Option(names = "--tokens", required = true, paramLabel = "DIR", description = "the .vtok files of voxtok encode")
    Path tokens;

    @Option(names = "--master", paramLabel = "URL", description = "Spark master (default: the one spark-submit set, else local[*])")
    String master;

    @Option(names = {"-v", "--verbose"}, description = "log more and print stack traces on errors")
    boolean verbose;

    @Override
    public Integer call() {
        Configurator.setRootLevel(verbose ? Level.INFO : Level.WARN);
        SparkSession spark = SparkSession.builder().config(EmbeddedSpark.conf("voxtok spark compare", master)).getOrCreate();
        EncodeComparison.Result r;
        try {
            r = EncodeComparison.compare(spark, shards, tokens);
        } finally {
            spark.stop();
        }
        PrintWriter out = spec.commandLine().getOut();
        out.printf("%d equal, %d differ, %d rows without a .vtok, %d .vtok without a row%n", r.equal(), r.differ(),
                r.unmatched(), r.missing().size());
        r.differing().forEach(d -> out.println("differs: " + d));
        r.missing().stream().limit(10).forEach(m -> out.println("no row for " + m));
        out.flush();
        return r.allEqual() ? 0 : 1;
    }
}
