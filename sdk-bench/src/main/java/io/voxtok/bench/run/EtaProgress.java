package io.voxtok.bench.run;

import io.voxtok.api.bench.ProgressListener;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * Progress of one long step with elapsed time and an estimate of the time left (linear in items done), written
 * as one line per update, at most every {@link #MIN_INTERVAL_NANOS} except the last, so logs stay short.
 */
public final class EtaProgress implements ProgressListener {
    /** Least time between two lines. */
    public static final long MIN_INTERVAL_NANOS = 2_000_000_000L;
    private final PrintWriter out;
    private final String step;
    private final long start = System.nanoTime();
    private long lastPrint;

    /** Progress of {@code step} printed to {@code out}. */
    public EtaProgress(PrintWriter out, String step) {
        this.out = out;
        this.step = step;
    }

    @Override
    public void onProgress(long done, long total) {
        long now = System.nanoTime();
        boolean last = total > 0 && done >= total;
        if (!last && now - lastPrint < MIN_INTERVAL_NANOS) {
            return;
        }
        lastPrint = now;
        double elapsed = (now - start) / 1e9;
        String eta = total > 0 && done > 0 ? format(elapsed * (total - done) / done) : "?";
        out.println(String.format(Locale.ROOT, "  %s: %d/%s  elapsed %s  ETA %s", step, done,
                total < 0 ? "?" : Long.toString(total), format(elapsed), eta));
        out.flush();
    }

    static String format(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", s / 3600, (s % 3600) / 60)
                : String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
    }
}
