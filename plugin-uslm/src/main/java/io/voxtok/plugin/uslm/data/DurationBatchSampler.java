package io.voxtok.plugin.uslm.data;

import io.voxtok.training.data.SamplerPosition;
import io.voxtok.training.data.SplitMix64;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Batches of utterances whose total length stays under a budget, the idea of lhotse's
 * {@code DynamicBucketingSampler(max_duration=...)} that vall-e trains with (SPEC 6.6: {@code --max-duration 80}
 * seconds for the AR stage, 40 for the NAR).
 *
 * <p><b>Buckets.</b> Items are sorted by length (ties by index) and cut into {@code numBuckets} consecutive
 * groups of about equal total length; a batch takes items of one bucket only, so similar lengths are batched
 * together and padding stays small. The buckets do not change between epochs.
 *
 * <p><b>One epoch</b> is a pure function of (seed, epoch, lengths): a {@link SplitMix64} seeded with
 * {@code SplitMix64.derive(seed, epoch)} shuffles each bucket's items in bucket order (Fisher-Yates from the last
 * position down, as {@code EpochPlan} does), each bucket is packed greedily in that order (an item joins the
 * current batch while the batch's cost stays at most {@code maxDuration}; an item longer than the budget forms
 * a batch alone), and then the same generator shuffles the list of all batches. Without shuffling, items keep
 * corpus order within their bucket and batches keep bucket order. Every item appears exactly once per epoch.
 *
 * <p><b>Resuming.</b> A {@link SamplerPosition} (epoch, batch) names the next batch; stored in a checkpoint it
 * lets a trainer continue mid-epoch with exactly the batches an uninterrupted run would have drawn. Since the
 * batch count can change from one epoch to the next, {@link #next} asks the epoch for it. The last epoch's plan
 * is cached; instances are thread-safe.
 */
public final class DurationBatchSampler {
    /** How a batch's size is measured against the budget. */
    public enum Cost {
        /** The sum of the items' lengths (lhotse's {@code max_duration}). */
        SUM,
        /** Items times the longest item: the padded size the model really processes. */
        PADDED
    }

    /**
     * @param maxDuration budget per batch, in the unit of the lengths (seconds or frames)
     * @param numBuckets  number of length buckets, 1 for none
     * @param shuffle     shuffle items and batches every epoch
     * @param seed        the seed of every epoch's shuffle
     * @param cost        how a batch is measured
     */
    public record Options(double maxDuration, int numBuckets, boolean shuffle, long seed, Cost cost) {
        /** Validates. */
        public Options {
            if (!(maxDuration > 0) || numBuckets < 1) {
                throw new IllegalArgumentException("max duration must be > 0 and buckets >= 1, got " + maxDuration
                        + " and " + numBuckets);
            }
            Objects.requireNonNull(cost);
        }
    }

    private final double[] lengths;
    private final Options options;
    private final int[][] buckets;
    private int cachedEpoch = -1;
    private List<int[]> cachedPlan;

    /**
     * @param lengths length of every item (seconds or frames, >= 0)
     * @param options budget, bucketing and shuffling
     */
    public DurationBatchSampler(double[] lengths, Options options) {
        this.lengths = lengths.clone();
        this.options = Objects.requireNonNull(options);
        for (double d : lengths) {
            if (!(d >= 0) || Double.isInfinite(d)) {
                throw new IllegalArgumentException("item lengths must be finite and >= 0, got " + d);
            }
        }
        this.buckets = bucketize(this.lengths, options.numBuckets());
    }

    /** The options. */
    public Options options() {
        return options;
    }

    /** Number of items. */
    public int size() {
        return lengths.length;
    }

    /** The buckets: item indices in corpus order, shortest bucket first. */
    public List<int[]> buckets() {
        List<int[]> out = new ArrayList<>();
        for (int[] b : buckets) {
            out.add(b.clone());
        }
        return out;
    }

    /** The batches of {@code epoch} (>= 0), each a list of item indices. */
    public synchronized List<int[]> epoch(int epoch) {
        if (epoch < 0) {
            throw new IllegalArgumentException("epoch must be >= 0, got " + epoch);
        }
        if (epoch != cachedEpoch) {
            cachedPlan = plan(epoch);
            cachedEpoch = epoch;
        }
        List<int[]> out = new ArrayList<>(cachedPlan.size());
        cachedPlan.forEach(b -> out.add(b.clone()));
        return out;
    }

    /** Number of batches of {@code epoch}. */
    public int batchesInEpoch(int epoch) {
        return epoch(epoch).size();
    }

    /** The batch at {@code position}. */
    public int[] batch(SamplerPosition position) {
        List<int[]> e = epoch(position.epoch());
        if (position.batch() >= e.size()) {
            throw new IllegalArgumentException("epoch " + position.epoch() + " has " + e.size() + " batches, no batch "
                    + position.batch());
        }
        return e.get(position.batch());
    }

    /** The position after {@code position}: the next batch of its epoch, or the first of the next epoch. */
    public SamplerPosition next(SamplerPosition position) {
        return position.next(batchesInEpoch(position.epoch()));
    }

    /** The cost of a batch under the options' measure. */
    public double cost(int[] batch) {
        double sum = 0;
        double max = 0;
        for (int i : batch) {
            sum += lengths[i];
            max = Math.max(max, lengths[i]);
        }
        return options.cost() == Cost.SUM ? sum : max * batch.length;
    }

    private List<int[]> plan(int epoch) {
        SplitMix64 rng = new SplitMix64(SplitMix64.derive(options.seed(), epoch));
        List<int[]> batches = new ArrayList<>();
        for (int[] bucket : buckets) {
            int[] order = bucket.clone();
            if (options.shuffle()) {
                for (int i = order.length - 1; i > 0; i--) {
                    int j = rng.nextInt(i + 1);
                    int t = order[i];
                    order[i] = order[j];
                    order[j] = t;
                }
            }
            pack(order, batches);
        }
        if (options.shuffle()) {
            for (int i = batches.size() - 1; i > 0; i--) {
                Collections.swap(batches, i, rng.nextInt(i + 1));
            }
        }
        return batches;
    }

    private void pack(int[] order, List<int[]> out) {
        List<Integer> current = new ArrayList<>();
        double sum = 0;
        double max = 0;
        for (int i : order) {
            double l = lengths[i];
            double newCost = options.cost() == Cost.SUM ? sum + l : Math.max(max, l) * (current.size() + 1);
            if (!current.isEmpty() && newCost > options.maxDuration()) {
                out.add(current.stream().mapToInt(Integer::intValue).toArray());
                current.clear();
                sum = 0;
                max = 0;
            }
            current.add(i);
            sum += l;
            max = Math.max(max, l);
        }
        if (!current.isEmpty()) {
            out.add(current.stream().mapToInt(Integer::intValue).toArray());
        }
    }

    /** Sorted by length, cut where the running total passes each multiple of total / n; corpus order inside. */
    private static int[][] bucketize(double[] lengths, int n) {
        Integer[] idx = new Integer[lengths.length];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, Comparator.<Integer>comparingDouble(i -> lengths[i]).thenComparingInt(i -> i));
        double total = 0;
        for (double d : lengths) {
            total += d;
        }
        List<int[]> out = new ArrayList<>();
        List<Integer> current = new ArrayList<>();
        double cum = 0;
        int b = 0;
        for (Integer i : idx) {
            current.add(i);
            cum += lengths[i];
            if (b < n - 1 && cum >= total * (b + 1) / n) {
                out.add(sortedIndices(current));
                current.clear();
                b++;
            }
        }
        if (!current.isEmpty()) {
            out.add(sortedIndices(current));
        }
        return out.toArray(int[][]::new);
    }

    private static int[] sortedIndices(List<Integer> items) {
        return items.stream().mapToInt(Integer::intValue).sorted().toArray();
    }
}
