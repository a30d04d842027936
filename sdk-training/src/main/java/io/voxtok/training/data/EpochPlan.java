package io.voxtok.training.data;

/**
 * The random choices of one epoch, a pure function of (seed, epoch, item count): a generator
 * {@code new SplitMix64(SplitMix64.derive(seed, epoch))} first shuffles the item indices (Fisher-Yates from the
 * last position down: {@code j = nextInt(i + 1)}, swap {@code i} and {@code j}), then draws one
 * {@link SplitMix64#nextDouble() uniform} {@code u} per position of the shuffled order, in order. The crop of the
 * item at position {@code k} starts at {@code floor(u_k * (length - segment + 1))} (uniform over every start
 * that keeps the crop inside the clip, like Python's {@code random.randint(0, length - segment)}); clips no longer
 * than the segment start at 0 and their draw is unused, so the stream never depends on clip lengths and any
 * position can be computed without loading the items before it.
 */
public final class EpochPlan {
    private final int epoch;
    private final int[] order;
    private final double[] cropDraws;

    private EpochPlan(int epoch, int[] order, double[] cropDraws) {
        this.epoch = epoch;
        this.order = order;
        this.cropDraws = cropDraws;
    }

    /** The plan of {@code epoch} (>= 0) over {@code items} items. */
    public static EpochPlan of(long seed, int epoch, int items) {
        if (epoch < 0 || items < 0) {
            throw new IllegalArgumentException("bad epoch " + epoch + " or item count " + items);
        }
        SplitMix64 rng = new SplitMix64(SplitMix64.derive(seed, epoch));
        int[] order = new int[items];
        for (int i = 0; i < items; i++) {
            order[i] = i;
        }
        for (int i = items - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        double[] draws = new double[items];
        for (int k = 0; k < items; k++) {
            draws[k] = rng.nextDouble();
        }
        return new EpochPlan(epoch, order, draws);
    }

    /** The epoch number. */
    public int epoch() {
        return epoch;
    }

    /** Number of items. */
    public int size() {
        return order.length;
    }

    /** The item index at position {@code k} of this epoch's order. */
    public int item(int k) {
        return order[k];
    }

    /** The uniform draw of position {@code k}, in [0, 1). */
    public double cropDraw(int k) {
        return cropDraws[k];
    }

    /** Crop start for a clip of {@code length} samples at position {@code k} (0 when the clip fits the segment). */
    public int cropStart(int k, int length, int segment) {
        return cropStart(cropDraws[k], length, segment);
    }

    /** {@code floor(u * (length - segment + 1))}, or 0 when {@code length <= segment}. */
    static int cropStart(double u, int length, int segment) {
        if (length <= segment) {
            return 0;
        }
        long choices = (long) length - segment + 1;
        return (int) Math.min(choices - 1, (long) Math.floor(u * choices));
    }
}
