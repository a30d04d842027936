package io.voxtok.cli.support;

import io.voxtok.api.bench.ProgressListener;
import java.io.PrintWriter;

/**
 * A one-line text progress bar on standard error for file runs. Redraws in place on a terminal; prints one line per
 * step otherwise (logs stay readable).
 *
 * <p>Every line has one format, {@code [bar] FILES_DONE/FILES ELAPSED LABEL}: after a file the label is its name
 * ({@code x.wav}, or {@code x.wav (failed)}); inside a file that a tokenizer encodes piece by piece (windows,
 * segments: {@link #within}) it is {@code x.wav part DONE/TOTAL}, and the bar counts the finished parts as a
 * fraction of that file. File steps are shown only for several files, parts also for a single one: a single long
 * file is what needs them. Off a terminal, part lines are thinned to about {@value #PART_LINES} per file so a log of
 * an hour-long input stays short.
 */
public final class ProgressBar implements AutoCloseable {
    /** Part lines per file at most when not on a terminal. */
    static final int PART_LINES = 20;
    private static final int WIDTH = 30;

    private final PrintWriter out;
    private final int total;
    private final boolean console;
    private final long start = System.nanoTime();
    private int done;
    private boolean drawn;

    /** A bar for {@code total} files on the process's standard error. */
    public ProgressBar(int total) {
        this(new PrintWriter(System.err, true), total);
    }

    /** A bar for {@code total} files on {@code err} (the command's error writer). */
    public ProgressBar(PrintWriter err, int total) {
        this(err, total, System.console() != null);
    }

    ProgressBar(PrintWriter out, int total, boolean console) {
        this.out = out;
        this.total = total;
        this.console = console;
    }

    /** Marks one more file done, naming the file just finished. */
    public synchronized void step(String item) {
        done++;
        if (total > 1) {
            draw(done, item);
        }
    }

    /**
     * A listener for the parts of the next file, {@code item} (a tokenizer's windows or segments); it draws
     * {@code item part DONE/TOTAL}. Pass it to {@code Tokenizer.encode(audio, layers, progress)}.
     */
    public ProgressListener within(String item) {
        return new ProgressListener() {
            private long lastBucket;

            @Override
            public void onProgress(long partsDone, long parts) {
                if (parts <= 1 || partsDone < 0 || partsDone > parts) {
                    return; // one part, or nonsense from a plugin: nothing between "started" and "done" to show
                }
                if (!console) {
                    long bucket = partsDone * PART_LINES / parts;
                    if (bucket == lastBucket) {
                        return;
                    }
                    lastBucket = bucket;
                }
                drawPart(partsDone, parts, item);
            }
        };
    }

    private synchronized void drawPart(long partsDone, long parts, String item) {
        draw(done + partsDone / (double) parts, item + " part " + partsDone + "/" + parts);
    }

    private void draw(double filesDone, String label) {
        int filled = (int) Math.round(WIDTH * Math.min(1, filesDone / Math.max(1, total)));
        double secs = (System.nanoTime() - start) / 1e9;
        String line = String.format("[%s%s] %d/%d %5.1fs %s", "=".repeat(filled), " ".repeat(WIDTH - filled), done,
                total, secs, label);
        if (console) {
            out.print("\r" + line + "\u001b[K");
        } else {
            out.println(line);
        }
        out.flush();
        drawn = true;
    }

    @Override
    public synchronized void close() {
        if (drawn && console) {
            out.println();
            out.flush();
        }
    }
}
