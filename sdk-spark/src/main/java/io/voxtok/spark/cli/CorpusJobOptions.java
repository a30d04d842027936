package io.voxtok.spark.cli;

import io.voxtok.cli.support.RuntimeOptions;
import io.voxtok.runtime.config.RuntimeConfig;
import io.voxtok.spark.corpus.CorpusLayout;
import io.voxtok.spark.job.CorpusJob;
import io.voxtok.spark.job.ExecutorRuntimeSpec;
import io.voxtok.spark.job.JobOutcome;
import io.voxtok.spark.job.ShardRecipe;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * The options and the run of every {@code voxtok spark} corpus job (tokens, units): corpus, output, shards, Spark
 * master and settings, and the thread budget.
 */
public final class CorpusJobOptions {
    /** Default utterances per shard: a few minutes of speech, a Parquet file of a few MB. */
    static final int DEFAULT_SHARD_SIZE = 64;

    @Option(names = {"-i", "--input"}, required = true, paramLabel = "CORPUS",
            description = "corpus: a folder of WAV/FLAC files, a JSONL manifest, or a LibriSpeech/LibriTTS/VCTK folder")
    Path input;

    @Option(names = "--layout", paramLabel = "NAME", defaultValue = "auto",
            description = "auto, dir, manifest, librispeech, libritts or vctk (default: ${DEFAULT-VALUE})")
    String layout;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT",
            description = "output folder: a path, or a Hadoop URI (hdfs://..., s3a://...)")
    String output;

    @Option(names = "--shard-size", paramLabel = "N", defaultValue = "" + DEFAULT_SHARD_SIZE,
            description = "utterances per shard, the unit of work, commit and re-run (default: ${DEFAULT-VALUE})")
    int shardSize;

    @Option(names = "--master", paramLabel = "URL",
            description = "Spark master (default: the one spark-submit set, else local[*])")
    String master;

    @Option(names = "--conf", paramLabel = "KEY=VALUE", description = "Spark configuration (repeatable)")
    Map<String, String> sparkConf = new LinkedHashMap<>();

    @Option(names = "--overwrite", description = "delete OUT first (default: resume it when it holds this same job)")
    boolean overwrite;

    /**
     * Runs {@code recipe} over the corpus and prints the outcome. Thread budget: each task runs the engine on
     * {@code --threads} threads (default 1, not all cores) and reserves as many task CPUs, so an executor with C cores
     * runs C / threads tasks at once and never oversubscribes its cores.
     */
    <R> int run(CommandLine.Model.CommandSpec spec, RuntimeOptions runtime, ShardRecipe<R> recipe, String modelArg,
                String app) {
        CommandLine.ParseResult parsed = spec.commandLine().getParseResult();
        Configurator.setRootLevel(parsed.hasMatchedOption("--verbose") ? Level.INFO : Level.WARN);
        RuntimeConfig rc = runtime.resolve();
        int threads = parsed.hasMatchedOption("--threads") ? rc.threads() : 1;
        CorpusJob.Request<R> req = new CorpusJob.Request<>(input, CorpusLayout.parse(layout), output, shardSize, overwrite,
                ExecutorRuntimeSpec.of(rc, threads), recipe, modelArg);
        SparkConf conf = EmbeddedSpark.conf(app, master);
        conf.set("spark.task.cpus", Integer.toString(threads));
        sparkConf.forEach(conf::set);
        SparkSession spark = SparkSession.builder().config(conf).getOrCreate();
        JobOutcome o;
        try {
            o = CorpusJob.run(spark, req, System.err, System.console() != null);
        } finally {
            spark.stop();
        }
        PrintWriter out = spec.commandLine().getOut();
        out.printf("%s: %d utterances (%.3f h of audio) in %d shards; %d failed (see failures/ and manifest.json)%n",
                o.output(), o.utterances(), o.audioSeconds() / 3600, o.shards(), o.failures());
        out.printf("this run: %d shards done, %d already committed; %.1f s, %.1f audio hours per hour%n",
                o.shardsRun(), o.shardsSkipped(), o.runSeconds(), o.audioHoursPerHour());
        out.flush();
        return 0;
    }
}
