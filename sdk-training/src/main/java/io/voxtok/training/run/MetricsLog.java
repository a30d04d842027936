package io.voxtok.training.run;

import io.voxtok.api.ErrorKind;
import io.voxtok.api.VoxtokException;
import io.voxtok.modelio.Json;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The metrics of a run as JSON Lines, append-only: one object per line,
 * {@code {"step": 120, "wall_time": 1718000000.123, "loss/mel": 1.52, "codebook_usage": [0.9, 0.7]}}, flushed to the
 * operating system after each line so that a crash loses at most the line being written.
 *
 * <p>Values: integers, finite floating-point numbers, strings, booleans and arrays of numbers ({@code double[]},
 * {@code float[]}, {@code int[]}, {@code long[]} or a {@link Collection} of numbers). A non-finite number is
 * written as the string {@code "NaN"}, {@code "Infinity"} or {@code "-Infinity"} (JSON has no such literals) and read
 * back as the double. {@code float}s are written with their shortest decimal form ({@code 0.1f} as {@code 0.1}).
 *
 * <p>Resuming from the checkpoint of step {@code s} ({@link #resume}) cuts the file after the last line with
 * {@code step <= s} (lines written by the interrupted run after that checkpoint, and a torn last line, go), so a
 * resumed run's log equals an uninterrupted run's except for wall times, provided the trainer logs a step's lines
 * before it saves that step's checkpoint. Thread-safe.
 */
public final class MetricsLog implements AutoCloseable {
    /** Key of the step. */
    public static final String STEP = "step";
    /** Key of the wall time (seconds since the Unix epoch). */
    public static final String WALL_TIME = "wall_time";

    private final Path file;
    private final Writer out;
    private final Clock clock;

    private MetricsLog(Path file, Writer out, Clock clock) {
        this.file = file;
        this.out = out;
        this.clock = clock;
    }

    /**
     * Starts the log of a new run.
     *
     * @throws VoxtokException USER_INPUT when {@code file} already holds lines (resume the run instead)
     */
    public static MetricsLog create(Path file) {
        return create(file, Clock.systemUTC());
    }

    /** {@link #create(Path)} with a clock for the wall times. */
    public static MetricsLog create(Path file, Clock clock) {
        try {
            if (Files.isRegularFile(file) && Files.size(file) > 0) {
                throw VoxtokException.userInput(file + " already holds metrics: resume that run or use another run "
                        + "directory");
            }
        } catch (IOException e) {
            throw io(file, "cannot read", e);
        }
        return openAppend(file, clock);
    }

    /**
     * Continues the log of a run resumed from the checkpoint of {@code step}: every line after the last line whose
     * step is at most {@code step} is cut off. A missing file starts empty.
     *
     * @throws VoxtokException USER_INPUT naming the file and line when a complete line is not a metrics object
     */
    public static MetricsLog resume(Path file, long step) {
        return resume(file, step, Clock.systemUTC());
    }

    /** {@link #resume(Path, long)} with a clock for the wall times. */
    public static MetricsLog resume(Path file, long step, Clock clock) {
        if (Files.isRegularFile(file)) {
            truncateAfter(file, step);
        }
        return openAppend(file, clock);
    }

    private static MetricsLog openAppend(Path file, Clock clock) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND, StandardOpenOption.WRITE);
            return new MetricsLog(file, w, clock);
        } catch (IOException e) {
            throw io(file, "cannot open", e);
        }
    }

    /** The log file. */
    public Path file() {
        return file;
    }

    /**
     * Appends one line.
     *
     * @param values named values in the order to write them; {@code step} and {@code wall_time} are reserved
     * @throws IllegalArgumentException for a reserved name or a value of an unsupported type
     */
    public synchronized void log(long step, Map<String, ?> values) {
        StringBuilder b = new StringBuilder(64 + 24 * values.size());
        b.append("{\"").append(STEP).append("\": ").append(step);
        b.append(", \"").append(WALL_TIME).append("\": ")
                .append(String.format(Locale.ROOT, "%.3f", clock.millis() / 1000.0));
        for (Map.Entry<String, ?> e : values.entrySet()) {
            if (e.getKey().equals(STEP) || e.getKey().equals(WALL_TIME)) {
                throw new IllegalArgumentException("'" + e.getKey() + "' is reserved in a metrics line");
            }
            b.append(", ").append(Json.quote(e.getKey())).append(": ");
            appendValue(b, e.getKey(), e.getValue());
        }
        b.append("}\n");
        try {
            out.write(b.toString());
            out.flush();
        } catch (IOException e) {
            throw io(file, "cannot write", e);
        }
    }

    private static void appendValue(StringBuilder b, String name, Object v) {
        if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
            b.append(((Number) v).longValue());
        } else if (v instanceof Float f) {
            appendNumber(b, Float.isFinite(f) ? Double.parseDouble(Float.toString(f)) : f.doubleValue());
        } else if (v instanceof Number n) {
            appendNumber(b, n.doubleValue());
        } else if (v instanceof String s) {
            b.append(Json.quote(s));
        } else if (v instanceof Boolean z) {
            b.append(z);
        } else if (v instanceof double[] a) {
            b.append('[');
            for (int i = 0; i < a.length; i++) {
                b.append(i == 0 ? "" : ", ");
                appendNumber(b, a[i]);
            }
            b.append(']');
        } else if (v instanceof float[] a) {
            b.append('[');
            for (int i = 0; i < a.length; i++) {
                b.append(i == 0 ? "" : ", ");
                appendValue(b, name, a[i]);
            }
            b.append(']');
        } else if (v instanceof int[] a) {
            b.append('[');
            for (int i = 0; i < a.length; i++) {
                b.append(i == 0 ? "" : ", ").append(a[i]);
            }
            b.append(']');
        } else if (v instanceof long[] a) {
            b.append('[');
            for (int i = 0; i < a.length; i++) {
                b.append(i == 0 ? "" : ", ").append(a[i]);
            }
            b.append(']');
        } else if (v instanceof Collection<?> c) {
            b.append('[');
            int i = 0;
            for (Object x : c) {
                if (!(x instanceof Number)) {
                    throw new IllegalArgumentException("metric '" + name + "': arrays hold numbers only, got " + x);
                }
                b.append(i++ == 0 ? "" : ", ");
                appendValue(b, name, x);
            }
            b.append(']');
        } else {
            throw new IllegalArgumentException("metric '" + name + "': unsupported value " + v
                    + (v == null ? "" : " (" + v.getClass().getName() + ")"));
        }
    }

    private static void appendNumber(StringBuilder b, double d) {
        if (Double.isNaN(d)) {
            b.append("\"NaN\"");
        } else if (Double.isInfinite(d)) {
            b.append(d > 0 ? "\"Infinity\"" : "\"-Infinity\"");
        } else if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            b.append((long) d).append(".0"); // keep it a float when read back
        } else {
            b.append(d); // Double.toString: shortest round-trip form, a valid JSON number
        }
    }

    @Override
    public synchronized void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw io(file, "cannot close", e);
        }
    }

    /**
     * Reads every complete line of a log (a torn last line without its newline is ignored).
     *
     * @throws VoxtokException USER_INPUT naming the file and line for a line that is not a metrics object
     */
    public static List<MetricsRecord> read(Path file) {
        List<MetricsRecord> out = new ArrayList<>();
        scan(file, (record, endOffset) -> {
            out.add(record);
            return true;
        });
        return out;
    }

    private interface LineVisitor {
        /** Returns false to stop. */
        boolean visit(MetricsRecord record, long endOffset);
    }

    /** Visits complete lines in order; returns the offset just after the last complete line visited. */
    private static long scan(Path file, LineVisitor visitor) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw io(file, "cannot read", e);
        }
        long end = 0;
        int start = 0;
        int lineNo = 0;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] != '\n') {
                continue;
            }
            lineNo++;
            String line = new String(bytes, start, i - start, StandardCharsets.UTF_8);
            int lineStart = start;
            start = i + 1;
            if (line.isBlank()) {
                end = start;
                continue;
            }
            MetricsRecord r = parse(line, file + ":" + lineNo);
            if (!visitor.visit(r, start)) {
                return lineStart;
            }
            end = start;
        }
        return end;
    }

    static MetricsRecord parse(String line, String where) {
        Map<String, Object> o = Json.parseObject(line, where);
        if (!(o.get(STEP) instanceof Long step)) {
            throw VoxtokException.userInput(where + ": a metrics line needs an integer '" + STEP + "'");
        }
        double wall = o.get(WALL_TIME) instanceof Number n ? n.doubleValue() : Double.NaN;
        Map<String, Object> values = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : o.entrySet()) {
            if (e.getKey().equals(STEP) || e.getKey().equals(WALL_TIME)) {
                continue;
            }
            values.put(e.getKey(), decode(e.getValue()));
        }
        return new MetricsRecord(step, wall, values);
    }

    private static Object decode(Object v) {
        if (v instanceof String s) {
            switch (s) {
                case "NaN":
                    return Double.NaN;
                case "Infinity":
                    return Double.POSITIVE_INFINITY;
                case "-Infinity":
                    return Double.NEGATIVE_INFINITY;
                default:
                    return s;
            }
        }
        if (v instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            list.forEach(x -> out.add(decode(x)));
            return java.util.Collections.unmodifiableList(out);
        }
        return v;
    }

    private static void truncateAfter(Path file, long step) {
        long keep = scan(file, (record, endOffset) -> record.step() <= step);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            if (ch.size() > keep) {
                ch.truncate(keep);
                ch.force(true);
            }
        } catch (IOException e) {
            throw io(file, "cannot truncate", e);
        }
    }

    private static VoxtokException io(Path file, String what, IOException e) {
        return new VoxtokException(ErrorKind.ENVIRONMENT, file + ": " + what + " the metrics log: " + e, e);
    }
}
