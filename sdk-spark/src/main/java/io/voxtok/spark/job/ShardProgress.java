package io.voxtok.spark.job;

import java.io.PrintStream;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;

/**
 * The driver's progress line: shards committed out of those this run must do, elapsed time and an ETA from the
 * mean pace so far. Redraws in place on a terminal, one line per shard otherwise (logs stay readable).
 */
final class ShardProgress extends SparkListener {
    private final PrintStream out;
    private final int total;
    private final boolean console;
    private final long start = System.nanoTime();
    private int done;

    ShardProgress(PrintStream out, int total, boolean console) {
        this.out = out;
        this.total = total;
        this.console = console;
    }

    @Override
    public synchronized void onTaskEnd(SparkListenerTaskEnd taskEnd) {
        if (!taskEnd.taskInfo().successful()) {
            return;
        }
        done++;
        out.print((console ? "\r" : "") + line(done, total, (System.nanoTime() - start) / 1e9) + (console ? "\u001b[K" : "\n"));
        if (console && done == total) {
            out.println();
        }
        out.flush();
    }

    /** {@code shards 3/12 (25%), 0:41 elapsed, ETA 2:03}. */
    static String line(int done, int total, double elapsedSeconds) {
        String eta = done == 0 ? "?" : clock(elapsedSeconds / done * (total - done));
        return String.format("shards %d/%d (%d%%), %s elapsed, ETA %s", done, total, Math.round(100.0 * done / total),
                clock(elapsedSeconds), eta);
    }

    static String clock(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format("%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60) : String.format("%d:%02d", s / 60, s % 60);
    }
}
