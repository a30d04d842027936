package io.voxtok.testkit.fuzz;

import io.voxtok.api.ErrorKind;
import io.voxtok.api.VoxtokException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A seeded mutation fuzzer for file readers: each case mutates one of the seed files ({@link ByteMutator}), writes
 * it under a work folder as {@code case-<n>.<ext>}, and reads it in a worker thread with a time limit. A case
 * passes when the reader returns, or throws a {@link VoxtokException} of kind {@link ErrorKind#USER_INPUT} whose
 * message names the file. Anything else is a {@link FuzzFinding}: another exception type or kind, a message that
 * does not name the file, a case that runs past the time limit (a hang), an {@link Error} such as
 * {@link OutOfMemoryError} or {@link StackOverflowError}, or a reader thread that allocates more than
 * {@code fixed + perByte * file size} bytes (a blow-up, measured with the JVM's per-thread allocation counter where
 * it has one). Findings' inputs are saved under {@code voxtok.fuzz.findings} (default {@code target/fuzz-findings})
 * to become regression tests.
 *
 * <p>System properties: {@code voxtok.fuzz.iterations} (cases per reader; a test gives a small default for CI),
 * {@code voxtok.fuzz.seed} (default 16), {@code voxtok.fuzz.timeoutMs} (per case, default 10000). Case {@code n} of a
 * seed is reproducible on its own: its random state depends only on the seed and {@code n}.
 */
public final class MutationFuzzer {
    /** A reader under test. */
    @FunctionalInterface
    public interface Reader {
        /** Reads {@code file} completely, as the product does. */
        void read(Path file) throws Exception;
    }

    private static final int MAX_HANGS = 3;

    private final String name;
    private final String extension;
    private final Reader reader;
    private final List<byte[]> seeds = new ArrayList<>();
    private boolean text;
    private int iterations;
    private long allocationFixed = 256L << 20;
    private long allocationPerByte = 256;

    private MutationFuzzer(String name, String extension, Reader reader) {
        this.name = Objects.requireNonNull(name);
        this.extension = Objects.requireNonNull(extension);
        this.reader = Objects.requireNonNull(reader);
    }

    /**
     * A fuzzer for {@code reader}.
     *
     * @param name      names the reader in reports and the findings folder
     * @param extension of the case files, without the dot (readers may pick the format by it)
     */
    public static MutationFuzzer of(String name, String extension, Reader reader) {
        return new MutationFuzzer(name, extension, reader);
    }

    /** Adds a valid file to start mutations from. */
    public MutationFuzzer seed(byte[] valid) {
        seeds.add(valid.clone());
        return this;
    }

    /** Also applies the text mutations (numbers, structure characters, deep nesting). */
    public MutationFuzzer text() {
        this.text = true;
        return this;
    }

    /** The number of cases when {@code voxtok.fuzz.iterations} is not set. */
    public MutationFuzzer defaultIterations(int n) {
        this.iterations = n;
        return this;
    }

    /** The allocation a case may make: {@code fixed + perByte * file size} bytes. */
    public MutationFuzzer allocationLimit(long fixed, long perByte) {
        this.allocationFixed = fixed;
        this.allocationPerByte = perByte;
        return this;
    }

    /**
     * Runs the cases in {@code workDir}.
     *
     * @return the findings (empty when every case passed)
     */
    public FuzzReport run(Path workDir) {
        if (seeds.isEmpty()) {
            throw new IllegalStateException("no seed files");
        }
        int n = Integer.getInteger("voxtok.fuzz.iterations", iterations);
        long seed = Long.getLong("voxtok.fuzz.seed", 16L);
        long timeoutMs = Long.getLong("voxtok.fuzz.timeoutMs", 10_000L);
        Path findingsDir = Path.of(System.getProperty("voxtok.fuzz.findings", "target/fuzz-findings")).resolve(name);
        ByteMutator mutator = new ByteMutator(text);
        List<FuzzFinding> findings = new ArrayList<>();
        int read = 0;
        int refused = 0;
        int hangs = 0;
        int ran = 0;
        long start = System.nanoTime();
        ExecutorService worker = newWorker();
        try {
            Files.createDirectories(workDir);
            for (int i = 0; i < n && hangs < MAX_HANGS; i++) {
                ran++;
                Random rnd = new Random(seed * 0x9E3779B97F4A7C15L + i);
                byte[] base = seeds.get(rnd.nextInt(seeds.size()));
                ByteMutator.Mutant m = mutator.mutate(base, rnd);
                Path file = workDir.resolve(String.format("case-%05d.%s", i, extension));
                Files.write(file, m.bytes());
                long limit = allocationFixed + allocationPerByte * m.bytes().length;
                String problem;
                Future<Outcome> f = worker.submit(() -> attempt(file));
                try {
                    Outcome o = f.get(timeoutMs, TimeUnit.MILLISECONDS);
                    problem = judge(o, file, limit);
                    if (problem == null) {
                        if (o.failure() == null) {
                            read++;
                        } else {
                            refused++;
                        }
                    }
                } catch (TimeoutException e) {
                    f.cancel(true);
                    worker.shutdownNow();
                    worker = newWorker();
                    hangs++;
                    problem = "no result after " + timeoutMs + " ms (hang)";
                } catch (ExecutionException e) {
                    problem = "worker failed: " + e.getCause();
                }
                if (problem != null) {
                    Path saved = save(findingsDir, file, m.bytes());
                    findings.add(new FuzzFinding(i, m.description(), problem, saved));
                }
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("fuzzing interrupted", e);
        } finally {
            worker.shutdownNow();
        }
        double secs = (System.nanoTime() - start) / 1e9;
        FuzzReport report = new FuzzReport(name, ran, read, refused, findings, secs);
        System.out.println(report.summary());
        return report;
    }

    /** What one read did: its failure (null when it returned) and the bytes its thread allocated (-1: unknown). */
    private record Outcome(Throwable failure, long allocated) {
    }

    private Outcome attempt(Path file) {
        long before = allocatedBytes();
        Throwable failure = null;
        try {
            reader.read(file);
        } catch (Throwable t) {
            failure = t;
        }
        long after = allocatedBytes();
        return new Outcome(failure, before < 0 || after < 0 ? -1 : after - before);
    }

    /** Null when the outcome is acceptable, else what is wrong with it. */
    private static String judge(Outcome o, Path file, long limit) {
        if (o.allocated() > limit) {
            return "allocated " + (o.allocated() >> 20) + " MiB (limit " + (limit >> 20) + " MiB for this file)"
                    + (o.failure() == null ? "" : ", then " + o.failure());
        }
        Throwable t = o.failure();
        if (t == null) {
            return null;
        }
        if (!(t instanceof VoxtokException ve)) {
            return "not a VoxtokException: " + t;
        }
        if (ve.kind() != ErrorKind.USER_INPUT) {
            return "kind " + ve.kind() + ", not USER_INPUT: " + ve.getMessage();
        }
        String msg = ve.getMessage();
        if (msg == null || !msg.contains(file.getFileName().toString())) {
            return "message does not name the file: " + msg;
        }
        return null;
    }

    private static long allocatedBytes() {
        if (ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean t
                && t.isThreadAllocatedMemorySupported() && t.isThreadAllocatedMemoryEnabled()) {
            return t.getCurrentThreadAllocatedBytes();
        }
        return -1;
    }

    private static ExecutorService newWorker() {
        return Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "fuzz-reader");
            t.setDaemon(true); // a reader that ignores interruption must not keep the test JVM alive
            return t;
        });
    }

    private static Path save(Path dir, Path file, byte[] bytes) {
        try {
            Files.createDirectories(dir);
            return Files.write(dir.resolve(file.getFileName()), bytes);
        } catch (IOException e) {
            return null; // the report still names the case, which is reproducible from the seed
        }
    }
}
