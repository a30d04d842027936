package io.voxtok.training.run;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Training progress for a person: {@code step 1200/100000 [##....] 1.2% 3.41 steps/s ETA 8:02:11 | mel 1.52 ...}.
 *
 * <p>On a terminal ({@link System#console()} is not null) it is one line on stderr redrawn in place with a carriage
 * return, at most ten times a second. Elsewhere (a log file, CI, {@code nohup}) carriage returns would pile up, so
 * it prints the same text as ordinary lines: at the first update, then every {@code logEvery}, and at the last
 * step. The rate is measured over the last 20 seconds, so it follows slow-downs (validation, checkpoints) and
 * ignores steps done before a resume. Not thread-safe: called from the training loop.
 */
public final class ProgressReporter implements AutoCloseable {
    private static final long REDRAW_NANOS = 100_000_000L;
    private static final long RATE_WINDOW_NANOS = 20_000_000_000L;
    private static final int BAR = 20;

    private final long total;
    private final PrintStream out;
    private final boolean interactive;
    private final long logEveryNanos;
    private final LongSupplier nanoClock;
    private final int width;
    private final Deque<long[]> samples = new ArrayDeque<>(); // {nanos, step}
    private long lastPrint = Long.MIN_VALUE;
    private int drawnLength;
    private boolean printedAny;

    /**
     * @param totalSteps  the step count of the whole run
     * @param out         where to print
     * @param interactive redraw one line in place (a terminal) or print lines
     * @param logEvery    interval between lines when not interactive
     * @param nanoClock   monotonic clock in nanoseconds ({@code System::nanoTime})
     * @param width       maximum line length when interactive
     */
    public ProgressReporter(long totalSteps, PrintStream out, boolean interactive, Duration logEvery,
                            LongSupplier nanoClock, int width) {
        if (totalSteps <= 0) {
            throw new IllegalArgumentException("total steps must be positive, got " + totalSteps);
        }
        this.total = totalSteps;
        this.out = out;
        this.interactive = interactive;
        this.logEveryNanos = logEvery.toNanos();
        this.nanoClock = nanoClock;
        this.width = Math.max(40, width);
    }

    /**
     * A reporter on stderr: a redrawn bar when there is a console, a line every 30 s otherwise. The width comes from
     * the {@code COLUMNS} environment variable (shells export it only sometimes), else 120.
     */
    public static ProgressReporter forStderr(long totalSteps) {
        int width = 120;
        try {
            String c = System.getenv("COLUMNS");
            if (c != null) {
                width = Integer.parseInt(c.trim());
            }
        } catch (NumberFormatException ignored) {
            // keep the default
        }
        return new ProgressReporter(totalSteps, System.err, System.console() != null, Duration.ofSeconds(30),
                System::nanoTime, width);
    }

    /** Whether the bar is redrawn in place. */
    public boolean interactive() {
        return interactive;
    }

    /**
     * Reports that {@code step} steps are done.
     *
     * @param losses the latest values to show, in order (a few: the line is cut at the terminal width)
     */
    public void update(long step, Map<String, ? extends Number> losses) {
        long now = nanoClock.getAsLong();
        samples.addLast(new long[] {now, step});
        while (samples.size() > 2 && now - samples.peekFirst()[0] > RATE_WINDOW_NANOS) {
            samples.removeFirst();
        }
        boolean last = step >= total;
        long interval = interactive ? REDRAW_NANOS : logEveryNanos;
        if (printedAny && !last && now - lastPrint < interval) {
            return;
        }
        lastPrint = now;
        printedAny = true;
        String line = format(step, losses);
        if (interactive) {
            if (line.length() > width - 1) {
                line = line.substring(0, width - 1);
            }
            int pad = Math.max(0, drawnLength - line.length());
            out.print("\r" + line + " ".repeat(pad));
            drawnLength = line.length();
            out.flush();
        } else {
            out.println(line);
        }
    }

    /** Prints a message on its own line without garbling the bar (which is redrawn at the next update). */
    public void message(String text) {
        if (interactive && drawnLength > 0) {
            out.print("\r" + " ".repeat(drawnLength) + "\r");
            drawnLength = 0;
            lastPrint = Long.MIN_VALUE;
            printedAny = false;
        }
        out.println(text);
        out.flush();
    }

    /** Ends the bar's line. */
    @Override
    public void close() {
        if (interactive && drawnLength > 0) {
            out.println();
            drawnLength = 0;
        }
        out.flush();
    }

    /** Steps per second over the recent window, or NaN before two updates. */
    public double stepsPerSecond() {
        if (samples.size() < 2) {
            return Double.NaN;
        }
        long[] a = samples.peekFirst();
        long[] b = samples.peekLast();
        return b[0] == a[0] ? Double.NaN : (b[1] - a[1]) * 1e9 / (b[0] - a[0]);
    }

    String format(long step, Map<String, ? extends Number> losses) {
        StringBuilder b = new StringBuilder(128);
        double frac = Math.min(1.0, Math.max(0.0, (double) step / total));
        int filled = (int) Math.floor(frac * BAR);
        b.append("step ").append(step).append('/').append(total).append(" [")
                .append("#".repeat(filled)).append(".".repeat(BAR - filled)).append("] ")
                .append(String.format(Locale.ROOT, "%.1f%%", 100 * frac));
        double rate = stepsPerSecond();
        if (Double.isFinite(rate) && rate > 0) {
            b.append(String.format(Locale.ROOT, " %.3g steps/s ETA %s", rate,
                    eta(Math.max(0, total - step) / rate)));
        } else {
            b.append(" -- steps/s ETA --");
        }
        if (!losses.isEmpty()) {
            b.append(" |");
            losses.forEach((k, v) -> b.append(' ').append(k).append(' ')
                    .append(String.format(Locale.ROOT, "%.4g", v.doubleValue())));
        }
        return b.toString();
    }

    /** {@code h:mm:ss}, with days when longer ({@code 2d 3:04:05}). */
    static String eta(double seconds) {
        if (!Double.isFinite(seconds)) {
            return "--";
        }
        long s = Math.round(seconds);
        long days = s / 86_400;
        s %= 86_400;
        String hms = String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, (s / 60) % 60, s % 60);
        return days > 0 ? days + "d " + hms : hms;
    }
}
