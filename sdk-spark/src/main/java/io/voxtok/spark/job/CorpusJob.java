package io.voxtok.spark.job;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.voxtok.api.VoxtokException;
import io.voxtok.spark.corpus.CorpusItem;
import io.voxtok.spark.corpus.CorpusLayout;
import io.voxtok.spark.corpus.CorpusListing;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Tuple2;

/**
 * The driver side of {@code voxtok spark tokenize}, {@code units} and {@code features}: lists the corpus (paths only),
 * cuts it into shards, checks the output folder against an earlier run, submits one Spark task per shard not yet
 * committed, and writes the manifest of the whole output. Audio is never collected to the driver; only each shard's
 * counts come back.
 */
public final class CorpusJob {
    private static final Logger LOG = LoggerFactory.getLogger(CorpusJob.class);
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private CorpusJob() {
    }

    /**
     * A job.
     *
     * @param input     the corpus folder or manifest
     * @param layout    its layout, or null to detect it
     * @param output    the output folder (path or URI)
     * @param shardSize utterances per shard
     * @param overwrite delete an existing output first
     * @param runtime   the executor runtime
     * @param recipe    what each utterance becomes
     * @param modelArg  the model as given (recorded in job.json), or null
     * @param <R>       the row type
     */
    public record Request<R>(Path input, CorpusLayout layout, String output, int shardSize, boolean overwrite,
                             ExecutorRuntimeSpec runtime, ShardRecipe<R> recipe, String modelArg) {
    }

    /**
     * Runs {@code req} on {@code spark}; progress goes to {@code progress}.
     *
     * @throws VoxtokException USER_INPUT for a bad corpus or an output folder of another job
     * @throws IllegalArgumentException when the recipe does not fit the component (e.g. layers)
     */
    public static <R> JobOutcome run(SparkSession spark, Request<R> req, PrintStream progress, boolean console) {
        try {
            return runChecked(spark, req, progress, console);
        } catch (IOException e) {
            throw new UncheckedIOException("output " + req.output() + ": " + e.getMessage(), e);
        }
    }

    private static <R> JobOutcome runChecked(SparkSession spark, Request<R> req, PrintStream progress, boolean console)
            throws IOException {
        Path input = req.input().toAbsolutePath().normalize();
        CorpusLayout layout = req.layout() != null ? req.layout() : CorpusLayout.detect(input);
        List<CorpusItem> items = CorpusListing.list(input, layout);
        ShardPlan plan = ShardPlan.of(items, req.shardSize());

        // The driver loads the component once too: it checks the recipe before any task starts and names the
        // producer in job.json. In local mode the executors are this JVM and reuse it.
        OutputDescription what = ExecutorComponents.get(req.runtime(), req.recipe()).describe();

        Map<String, String> hadoopConf = new LinkedHashMap<>();
        for (Tuple2<String, String> kv : spark.sparkContext().getConf().getAllWithPrefix("spark.hadoop.")) {
            hadoopConf.put(kv._1(), kv._2());
        }
        JobContext<R> ctx = new JobContext<>(req.runtime(), req.recipe(), req.output(), hadoopConf);
        OutputLayout out = ctx.layout();
        if (req.overwrite()) {
            out.deleteRecursively(out.root());
        }
        JobDescriptor job = JobDescriptor.of(input.toString(), layout.name().toLowerCase(Locale.ROOT), req.modelArg(),
                what, plan);
        checkOrWriteDescriptor(out, job);
        // Debris of killed attempts; one run at a time writes an output folder.
        out.deleteRecursively(out.resolve("_temporary"));

        Set<Integer> committed = out.committed();
        List<ShardTask> pending = new ArrayList<>();
        for (ShardTask t : plan.shards()) {
            if (!committed.contains(t.index())) {
                pending.add(t);
            }
        }
        int skipped = plan.shards().size() - pending.size();
        progress.printf("%d utterances in %d shards of %d; %d already committed, %d to do (master %s, %d engine thread(s) per task)%n",
                plan.items(), plan.shards().size(), plan.shardSize(), skipped, pending.size(),
                spark.sparkContext().master(), req.runtime().threads());

        long t0 = System.nanoTime();
        double runAudio = 0;
        if (!pending.isEmpty()) {
            JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
            ShardProgress listener = new ShardProgress(progress, pending.size(), console);
            spark.sparkContext().addSparkListener(listener);
            try {
                jsc.setJobDescription("voxtok spark " + what.kind() + " " + what.component() + " " + input);
                // One partition per shard: a task is the unit of retry and of commit.
                List<ShardResult> results = jsc.parallelize(pending, pending.size())
                        .map(t -> ShardWorker.run(t, ctx)).collect();
                for (ShardResult r : results) {
                    runAudio += r.audioSeconds();
                }
            } finally {
                spark.sparkContext().removeSparkListener(listener);
            }
        }
        double runSeconds = (System.nanoTime() - t0) / 1e9;
        out.deleteRecursively(out.resolve("_temporary"));
        return JobManifestWriter.write(out, job, what, plan, runAudio, runSeconds, pending.size(), skipped,
                spark.sparkContext().master());
    }

    private static void checkOrWriteDescriptor(OutputLayout out, JobDescriptor job) throws IOException {
        org.apache.hadoop.fs.Path file = out.resolve("job.json");
        String existing = out.readString(file);
        if (existing == null) {
            out.fs().mkdirs(out.root());
            out.writeStringAtomically(file, JSON.writeValueAsString(job));
            return;
        }
        JobDescriptor before = JSON.readValue(existing, JobDescriptor.class);
        List<String> diff = job.differences(before);
        if (!diff.isEmpty()) {
            throw VoxtokException.userInput(out.uri() + " holds the output of another job: " + String.join("; ", diff)
                    + ". Use another output folder, or --overwrite to replace it");
        }
        LOG.info("{}: resuming the job of job.json", out.uri());
    }
}
