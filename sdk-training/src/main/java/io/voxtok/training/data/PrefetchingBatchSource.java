package io.voxtok.training.data;

import io.voxtok.api.ErrorKind;
import io.voxtok.api.VoxtokException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * Loads batches ahead of the trainer on background threads while keeping the deterministic order.
 *
 * <p>Since the batch at a position is a pure function of the position ({@link CropSampler#batchAt}), the source
 * keeps a window of {@code capacity} futures for the next positions, in order, on a pool of {@code threads}
 * loader threads; {@link #next()} waits for the oldest and queues the position after the newest. The batches are
 * therefore exactly those of a plain {@link CropSampler}, whatever the thread count and however long each load
 * takes, and at most {@code capacity} batches are held in memory.
 *
 * <p>A failed load is rethrown by the {@link #next()} that reaches its batch, as a {@link VoxtokException} whose
 * message names the position and keeps the loader's message (which names the item and its file); the source stays
 * failed afterwards, since skipping a batch would break determinism. {@link #close()} cancels pending loads and
 * stops the threads. Single consumer.
 */
public final class PrefetchingBatchSource implements BatchSource {
    private final Function<SamplerPosition, Batch> loader;
    private final UnaryOperator<SamplerPosition> advance;
    private final int batchesPerEpoch;
    private final ExecutorService pool;
    private final Deque<Future<Batch>> window = new ArrayDeque<>();
    private SamplerPosition position;
    private SamplerPosition nextToSubmit;
    private RuntimeException failure;
    private boolean closed;

    /**
     * Prefetches the batches of {@code sampler} from {@code start} (the sampler's own position is not used or
     * changed).
     *
     * @param threads  loader threads (>= 1)
     * @param capacity batches loaded ahead (>= 1); {@code 2 * threads} keeps every thread busy
     */
    public PrefetchingBatchSource(CropSampler sampler, SamplerPosition start, int threads, int capacity) {
        this(sampler::batchAt, sampler::after, sampler.batchesPerEpoch(), start, threads, capacity);
    }

    /** The general form: {@code loader} must be a pure, thread-safe function of the position. */
    PrefetchingBatchSource(Function<SamplerPosition, Batch> loader, UnaryOperator<SamplerPosition> advance,
                           int batchesPerEpoch, SamplerPosition start, int threads, int capacity) {
        if (threads < 1 || capacity < 1) {
            throw new IllegalArgumentException("need at least one thread and capacity 1, got " + threads + " and " + capacity);
        }
        this.loader = loader;
        this.advance = advance;
        this.batchesPerEpoch = batchesPerEpoch;
        this.position = start;
        this.nextToSubmit = start;
        this.pool = Executors.newFixedThreadPool(threads, new LoaderThreads());
        for (int i = 0; i < capacity; i++) {
            submitNext();
        }
    }

    private void submitNext() {
        SamplerPosition p = nextToSubmit;
        window.addLast(pool.submit(() -> loader.apply(p)));
        nextToSubmit = advance.apply(p);
    }

    @Override
    public Batch next() {
        if (closed) {
            throw new IllegalStateException("batch source is closed");
        }
        if (failure != null) {
            throw failure;
        }
        Future<Batch> head = window.removeFirst();
        submitNext();
        try {
            Batch b = head.get();
            position = advance.apply(position);
            return b;
        } catch (ExecutionException e) {
            failure = wrap(e.getCause());
            throw failure;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure = new VoxtokException(ErrorKind.ENVIRONMENT, "interrupted while waiting for the batch at " + position, e);
            throw failure;
        }
    }

    private RuntimeException wrap(Throwable cause) {
        String where = "loading the batch at epoch " + position.epoch() + ", batch " + position.batch() + ": ";
        if (cause instanceof VoxtokException v) {
            return new VoxtokException(v.kind(), where + v.getMessage(), v);
        }
        return new VoxtokException(ErrorKind.INTERNAL, where + cause, cause);
    }

    @Override
    public SamplerPosition position() {
        return position;
    }

    @Override
    public int batchesPerEpoch() {
        return batchesPerEpoch;
    }

    /** Cancels pending loads and waits (up to 10 s) for the loader threads to finish. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        window.forEach(f -> f.cancel(true));
        window.clear();
        pool.shutdownNow();
        try {
            pool.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Daemon threads, so that a trainer that forgets to close cannot keep the JVM alive. */
    private static final class LoaderThreads implements ThreadFactory {
        private static final AtomicInteger POOLS = new AtomicInteger();
        private final int pool = POOLS.incrementAndGet();
        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable r) {
            Thread t = new Thread(r, "voxtok-batch-loader-" + pool + "-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        }
    }
}
