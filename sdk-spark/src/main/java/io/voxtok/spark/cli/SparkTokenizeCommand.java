package io.voxtok.spark.cli;

import io.voxtok.cli.support.RuntimeOptions;
import io.voxtok.cli.support.TokenizerSelection;
import io.voxtok.spark.corpus.CorpusLayout;
import io.voxtok.spark.job.CorpusTokenizeJob;
import io.voxtok.spark.job.ExecutorRuntimeSpec;
import io.voxtok.spark.job.JobOutcome;
import io.voxtok.spark.job.TokenizeSpec;
import io.voxtok.runtime.config.RuntimeConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
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
    /** Default utterances per shard: a few minutes of speech, a Parquet file of a few MB. */
    static final int DEFAULT_SHARD_SIZE = 64;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;
    @Mixin
    RuntimeOptions runtime;
    @Mixin
    TokenizerSelection selection;

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

    @Option(names = "--n-q", paramLabel = "N", description = "end layer (exclusive, like the official n_q); default all")
    Integer nq;

    @Option(names = "--start-layer", paramLabel = "S", description = "first layer, 0-based (the official st); default 0")
    int startLayer;

    @Option(names = "--master", paramLabel = "URL",
            description = "Spark master (default: the one spark-submit set, else local[*])")
    String master;

    @Option(names = "--conf", paramLabel = "KEY=VALUE", description = "Spark configuration (repeatable)")
    Map<String, String> sparkConf = new LinkedHashMap<>();

    @Option(names = "--overwrite", description = "delete OUT first (default: resume it when it holds this same job)")
    boolean overwrite;

    @Override
    public Integer call() {
        CommandLine.ParseResult parsed = spec.commandLine().getParseResult();
        boolean verbose = parsed.hasMatchedOption("--verbose");
        Configurator.setRootLevel(verbose ? Level.INFO : Level.WARN);
        // Thread budget: each task runs the engine on --threads threads (default 1) and reserves as many task CPUs,
        // so an executor with C cores runs C / threads tasks at once and never oversubscribes its cores.
        RuntimeConfig rc = runtime.resolve();
        int threads = parsed.hasMatchedOption("--threads") ? rc.threads() : 1;
        ExecutorRuntimeSpec rt = ExecutorRuntimeSpec.of(rc, threads);
        Path model = selection.config().model().orElse(null);
        Map<String, String> options = new LinkedHashMap<>(selection.config().properties());
        TokenizeSpec tok = new TokenizeSpec(selection.tokenizer, model == null ? null : model.toAbsolutePath().toString(),
                selection.model == null ? null : selection.model.toString(), options, startLayer, nq == null ? -1 : nq);
        CorpusTokenizeJob.Request req = new CorpusTokenizeJob.Request(input, CorpusLayout.parse(layout), output,
                shardSize, overwrite, rt, tok);

        SparkConf conf = sparkConf(threads);
        SparkSession spark = SparkSession.builder().config(conf).getOrCreate();
        JobOutcome o;
        try {
            o = CorpusTokenizeJob.run(spark, req, System.err, System.console() != null);
        } finally {
            spark.stop();
        }
        PrintWriter out = spec.commandLine().getOut();
        out.printf("%s: %d utterances (%.3f h of audio) in %d shards; %d failed (see failures/ and manifest.json)%n",
                o.output(), o.utterances(), o.audioSeconds() / 3600, o.shards(), o.failures());
        out.printf("this run: %d shards tokenized, %d already committed; %.1f s, %.1f audio hours per hour%n",
                o.shardsRun(), o.shardsSkipped(), o.runSeconds(), o.audioHoursPerHour());
        out.flush();
        return 0;
    }

    private SparkConf sparkConf(int threads) {
        SparkConf conf = EmbeddedSpark.conf("voxtok spark tokenize", master);
        conf.set("spark.task.cpus", Integer.toString(threads));
        sparkConf.forEach(conf::set);
        return conf;
    }
}
