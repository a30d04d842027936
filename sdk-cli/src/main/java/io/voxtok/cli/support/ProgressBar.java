package io.voxtok.cli.support;

import java.io.PrintStream;

/**
 * A one-line text progress bar on standard error for multi-file runs. Silent for a single file. Redraws in place
 * on a terminal; prints one line per step otherwise (logs stay readable).
 */
public final class ProgressBar implements AutoCloseable {
    private final PrintStream out;
    private final int total;
    private final boolean enabled;
    private final boolean console;
    private final long start = System.nanoTime();
    private int done;

    /** A bar for {@code total} steps. */
    public ProgressBar(int total) {
        this(System.err, total, System.console() != null);
    }

    ProgressBar(PrintStream out, int total, boolean console) {
        this.out = out;
        this.total = total;
        this.enabled = total > 1;
        this.console = console;
    }

    /** Marks one more step done, naming the item just finished. */
    public void step(String item) {
        done++;
        if (!enabled) {
            return;
        }
        int width = 30;
        int filled = (int) Math.round(width * done / (double) total);
        double secs = (System.nanoTime() - start) / 1e9;
        String line = String.format("[%s%s] %d/%d %5.1fs %s", "=".repeat(filled), " ".repeat(width - filled), done,
                total, secs, item);
        if (console) {
            out.print("\r" + line + "\u001b[K");
        } else {
            out.println(line);
        }
        out.flush();
    }

    @Override
    public void close() {
        if (enabled && console) {
            out.println();
        }
    }
}
