package io.voxtok.spark.job;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.voxtok.api.ErrorKind;
import io.voxtok.api.VoxtokException;
import io.voxtok.spark.corpus.CorpusItem;
import io.voxtok.spark.parquet.FailureRow;
import io.voxtok.spark.parquet.ShardParquetWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Processes one shard on an executor and commits it. Each utterance is read from its path here (never shipped from
 * the driver), turned into a row by this JVM's shared component ({@link ExecutorComponents}) and written to Parquet;
 * an utterance that cannot be read or encoded becomes a row of the shard's failures file instead of failing the
 * task. Errors of the environment (the engine, a plugin, the output file system) do fail the task, so that Spark
 * retries it elsewhere and, if it keeps failing, stops the job with the error.
 */
public final class ShardWorker {
    private static final Logger LOG = LoggerFactory.getLogger(ShardWorker.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private ShardWorker() {
    }

    /** Processes and commits {@code task}; returns its counts (those of the existing commit if it has one). */
    public static <R> ShardResult run(ShardTask task, JobContext<R> ctx) {
        try {
            return runChecked(task, ctx);
        } catch (IOException e) {
            throw new UncheckedIOException(task.name() + ": cannot write the shard to " + ctx.output() + ": " + e.getMessage(), e);
        }
    }

    private static <R> ShardResult runChecked(ShardTask task, JobContext<R> ctx) throws IOException {
        long t0 = System.nanoTime();
        OutputLayout out = ctx.layout();
        String name = task.name();
        String committed = out.readString(out.marker(name));
        if (committed != null) {
            // Another attempt (a speculative copy, or a concurrent run) committed it first.
            return JSON.readValue(committed, ShardResult.class);
        }
        PreparedRecipe<R> recipe = ExecutorComponents.get(ctx.runtime(), ctx.recipe());
        Path attempt = out.attemptDir(name);
        Path rowsTmp = new Path(attempt, "rows.parquet");
        Path failuresTmp = new Path(attempt, "failures.parquet");
        int ok = 0;
        long frames = 0;
        double audioSeconds = 0;
        List<FailedItem> failed = new ArrayList<>();
        try {
            try (ShardParquetWriter<R> rows = ctx.recipe().writer(rowsTmp, out.conf());
                 ShardParquetWriter<FailureRow> failures = ShardParquetWriter.failures(failuresTmp, out.conf())) {
                for (CorpusItem item : task.items()) {
                    R row;
                    try {
                        row = recipe.encode(item);
                    } catch (RuntimeException e) {
                        FailedItem f = failure(item, e);
                        failures.write(new FailureRow(f.id(), f.path(), f.kind(), f.error()));
                        failed.add(f);
                        LOG.warn("{}: {}", name, f.error());
                        continue;
                    }
                    rows.write(row);
                    ok++;
                    frames += recipe.frames(row);
                    audioSeconds += recipe.seconds(row);
                }
            }
            ShardResult result = new ShardResult(task.index(), ok, failed.size(), audioSeconds, frames,
                    (System.nanoTime() - t0) / 1e9, failed);
            // The data files first, the marker last: a kill in between leaves no marker, and the shard is redone.
            out.moveReplacing(rowsTmp, out.rows(recipe.describe().kind(), name));
            out.moveReplacing(failuresTmp, out.failures(name));
            out.writeStringAtomically(out.marker(name), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(result));
            LOG.info("{}: {} utterances, {} failed, {} s of audio in {} s", name, ok, failed.size(),
                    Math.round(audioSeconds), Math.round(result.seconds()));
            return result;
        } finally {
            try {
                out.deleteRecursively(attempt);
            } catch (IOException e) {
                LOG.warn("{}: cannot remove {}: {}", name, attempt, e.toString());
            }
        }
    }

    /**
     * The failures-table row for an utterance's error; rethrows errors that say the executor, not the file, is
     * broken (the engine or a plugin failed), so that the job stops instead of filing every utterance as failed.
     */
    static FailedItem failure(CorpusItem item, RuntimeException e) {
        if (e instanceof VoxtokException ve && (ve.kind() == ErrorKind.ENVIRONMENT || ve.kind() == ErrorKind.PLUGIN)) {
            throw ve;
        }
        String kind = e instanceof VoxtokException ve ? ve.kind().name() : e.getClass().getSimpleName();
        String msg = e.getMessage() == null ? e.toString() : e.getMessage();
        if (!msg.contains(item.path())) {
            msg = item.path() + ": " + msg;
        }
        return new FailedItem(item.id(), item.path(), kind, msg);
    }
}
