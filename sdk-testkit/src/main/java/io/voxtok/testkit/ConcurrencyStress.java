package io.voxtok.testkit;

import static io.voxtok.testkit.ContractAssertions.assertSameCodes;

import io.voxtok.api.audio.AudioBuffer;
import io.voxtok.api.token.LayerRange;
import io.voxtok.api.token.TokenMatrix;
import io.voxtok.api.token.Tokenizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A repeatable concurrency stress of one tokenizer: several threads, started together, each run their own seeded
 * sequence of calls (encode with all layers, encode of leading layers, a two-item {@code encodeBatch}, decode) on a
 * shared pool of inputs, and every result is compared at once with what sequential calls gave. The sequences depend
 * only on the seed, so a failure names the seed, thread and step that reproduce it (the interleaving itself is the
 * scheduler's).
 */
final class ConcurrencyStress {
    /** Upper bound for the stress to finish: only a guard against deadlocks, not a speed check. */
    private static final long DEADLOCK_GUARD_MINUTES = 10;

    /** What one step does. */
    enum Kind { ENCODE, ENCODE_LEADING_LAYERS, ENCODE_BATCH, DECODE }

    /** One call: its kind, the pool items it uses, and the leading layers kept. */
    record Step(Kind kind, int item, int other, int layers) {
        @Override
        public String toString() {
            return switch (kind) {
                case ENCODE -> "encode(item " + item + ")";
                case ENCODE_LEADING_LAYERS -> "encode(item " + item + ", LayerRange.first(" + layers + "))";
                case ENCODE_BATCH -> "encodeBatch(items " + item + ", " + other + ")";
                case DECODE -> "decode(tokens of item " + item + ")";
            };
        }
    }

    /** Checks one decoded buffer made from the pool item of {@code inputSamples} samples. */
    @FunctionalInterface
    interface DecodedCheck {
        void check(AudioBuffer decoded, int inputSamples, String what);
    }

    private final Tokenizer tokenizer;
    private final List<AudioBuffer> pool;
    private final List<TokenMatrix> expected;
    private final long seed;

    /**
     * @param pool     the inputs; their sequential all-layer encodings are computed here, before any thread starts
     * @param seed     the seed every thread's sequence derives from
     */
    ConcurrencyStress(Tokenizer tokenizer, List<AudioBuffer> pool, long seed) {
        this.tokenizer = tokenizer;
        this.pool = List.copyOf(pool);
        this.seed = seed;
        LayerRange all = LayerRange.first(tokenizer.spec().numLayers());
        List<TokenMatrix> e = new ArrayList<>();
        for (AudioBuffer a : pool) {
            e.add(tokenizer.encode(a, all));
        }
        this.expected = List.copyOf(e);
    }

    /** The calls thread {@code thread} makes: a function of the seed alone. */
    static List<Step> plan(long seed, int thread, int steps, int poolSize, int numLayers) {
        Random random = new Random(seed * 1_000_003L + thread);
        List<Step> out = new ArrayList<>(steps);
        Kind[] kinds = Kind.values();
        for (int i = 0; i < steps; i++) {
            Kind kind = kinds[random.nextInt(kinds.length)];
            out.add(new Step(kind, random.nextInt(poolSize), random.nextInt(poolSize), 1 + random.nextInt(numLayers)));
        }
        return out;
    }

    /**
     * Runs {@code steps} calls on each of {@code threads} threads and fails with the first mismatch.
     *
     * @param decodedCheck checks decoded audio (rate, channels, length, finite samples)
     */
    void run(int threads, int steps, DecodedCheck decodedCheck) throws InterruptedException {
        ExecutorService executor = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                List<Step> plan = plan(seed, t, steps, pool.size(), tokenizer.spec().numLayers());
                int thread = t;
                futures.add(executor.submit(() -> {
                    start.await();
                    for (int i = 0; i < plan.size(); i++) {
                        execute(plan.get(i), describe(thread, threads, i), decodedCheck);
                    }
                    return null;
                }));
            }
            start.countDown();
            for (int t = 0; t < threads; t++) {
                await(futures.get(t), describe(t, threads, -1));
            }
        } finally {
            executor.shutdownNow();
        }
    }

    private String describe(int thread, int threads, int step) {
        return "concurrency stress (seed " + seed + "), thread " + thread + " of " + threads
                + (step < 0 ? "" : ", step " + step);
    }

    private void execute(Step step, String where, DecodedCheck decodedCheck) {
        String what = where + ", " + step;
        int[][] mine = expected.get(step.item()).itemCodes(0);
        switch (step.kind()) {
            case ENCODE -> assertSameCodes(mine, tokenizer.encode(pool.get(step.item())).itemCodes(0),
                    what + " vs sequential encode");
            case ENCODE_LEADING_LAYERS -> assertSameCodes(expected.get(step.item()).layers(0, step.layers())
                            .itemCodes(0),
                    tokenizer.encode(pool.get(step.item()), LayerRange.first(step.layers())).itemCodes(0),
                    what + " vs the first " + step.layers() + " layers of sequential encode");
            case ENCODE_BATCH -> {
                TokenMatrix batch = tokenizer.encodeBatch(List.of(pool.get(step.item()), pool.get(step.other())),
                        LayerRange.first(tokenizer.spec().numLayers()));
                assertSameCodes(mine, batch.itemCodes(0), what + ": item 0 vs sequential encode");
                assertSameCodes(expected.get(step.other()).itemCodes(0), batch.itemCodes(1),
                        what + ": item 1 vs sequential encode");
            }
            case DECODE -> decodedCheck.check(tokenizer.decode(expected.get(step.item())),
                    pool.get(step.item()).frames(), what);
        }
    }

    private static void await(Future<?> future, String who) throws InterruptedException {
        try {
            future.get(DEADLOCK_GUARD_MINUTES, TimeUnit.MINUTES);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof AssertionError a) {
                throw a;
            }
            throw new AssertionError(who + " failed: " + cause, cause);
        } catch (TimeoutException e) {
            throw new AssertionError(who + " did not finish within " + DEADLOCK_GUARD_MINUTES
                    + " minutes (deadlock?)", e);
        }
    }
}
