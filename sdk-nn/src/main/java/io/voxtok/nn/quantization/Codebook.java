package io.voxtok.nn.quantization;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.voxtok.nn.StateDictBlock;

/**
 * One Euclidean codebook, the official {@code EuclideanCodebook} (SPEC 3.1-3.5): buffers {@code inited [1]},
 * {@code cluster_size [bins]}, {@code embed [bins, dim]} and {@code embed_avg [bins, dim]}.
 *
 * <p>The nearest code is {@code argmax(-(|x|^2 - 2 x.e + |e|^2))} computed in float32 in that operation order,
 * ties going to the first maximum, exactly as the official code. In training mode {@link #train} updates the
 * buffers by exponential moving averages after choosing the codes (with the codebook before the update).
 * Inference-only codebooks hold {@code embed} alone; a frozen codebook caches {@code embed^T} and {@code |e|^2}
 * and is thread-safe.
 */
public final class Codebook extends StateDictBlock {
    /** EMA decay of the official RVQ. */
    public static final float DECAY = 0.99f;
    /** Laplace smoothing epsilon of the official RVQ. */
    public static final float EPSILON = 1e-5f;
    /** {@code alpha = 1 - decay} as the official {@code add_(new, alpha=1 - decay)} computes it (in double). */
    private static final float ONE_MINUS_DECAY = (float) (1.0 - 0.99);

    private final boolean trainable;
    private NDArray frozenDoubledEmbedT;
    private NDArray frozenSquaredNorms;

    /** An inference-only codebook: {@code embed [bins, dim]} on the weights' manager. */
    public Codebook(NDArray embed) {
        if (embed.getShape().dimension() != 2) {
            throw new IllegalArgumentException("codebook must be [bins, dim], got " + embed.getShape());
        }
        buffer("embed", embed);
        this.trainable = false;
    }

    /**
     * A trainable codebook with all four official buffers.
     *
     * @param inited      {@code [1]}, 0 until the k-means initialisation ran
     * @param clusterSize {@code [bins]} EMA code counts
     * @param embed       {@code [bins, dim]}
     * @param embedAvg    {@code [bins, dim]} EMA code sums
     */
    public Codebook(NDArray inited, NDArray clusterSize, NDArray embed, NDArray embedAvg) {
        if (embed.getShape().dimension() != 2) {
            throw new IllegalArgumentException("codebook must be [bins, dim], got " + embed.getShape());
        }
        buffer("inited", inited);
        buffer("cluster_size", clusterSize);
        buffer("embed", embed);
        buffer("embed_avg", embedAvg);
        this.trainable = true;
    }

    /** A fresh trainable codebook as {@code kmeans_init=True} builds it: zeros, {@code inited = 0}. */
    public static Codebook untrained(NDManager manager, int bins, int dim) {
        return new Codebook(manager.zeros(new Shape(1)), manager.zeros(new Shape(bins)),
                manager.zeros(new Shape(bins, dim)), manager.zeros(new Shape(bins, dim)));
    }

    /** Number of codes. */
    public int bins() {
        return Math.toIntExact(embed().getShape().get(0));
    }

    /** Vector dimension. */
    public int dim() {
        return Math.toIntExact(embed().getShape().get(1));
    }

    /** The code vectors {@code [bins, dim]} (do not modify or close). */
    public NDArray embed() {
        return buffer("embed");
    }

    /** Whether the codebook holds its training buffers. */
    public boolean trainable() {
        return trainable;
    }

    /** Whether the codebook was initialised ({@code inited != 0}); inference-only codebooks always are. */
    public boolean initialized() {
        return !trainable || buffer("inited").getFloat(0) != 0f;
    }

    /** EMA code counts {@code [bins]} (trainable codebooks only). */
    public NDArray clusterSize() {
        return buffer("cluster_size");
    }

    /**
     * Nearest code per row.
     *
     * @param x {@code (N, dim)} float32
     * @return int64 {@code (N)}, attached to {@code x}'s manager
     */
    public NDArray nearest(NDArray x) {
        if (frozenDoubledEmbedT != null) {
            return nearestFrozen(x);
        }
        NDArray embedT = embed().transpose();
        NDArray e2 = squaredNorms(embedT);
        try (NDArray xx = x.square();
             NDArray x2 = xx.sum(new int[] {1}, true);
             NDArray xe = x.matMul(embedT);
             NDArray xe2 = xe.mul(2f);
             NDArray a = x2.sub(xe2);
             NDArray d = a.add(e2);
             NDArray neg = d.neg()) {
            return neg.argMax(1);
        } finally {
            embedT.close();
            e2.close();
        }
    }

    /**
     * The same distances and indices as the general path in three passes over the {@code (N, bins)} matrix
     * instead of six (it is most of the RVQ's time beside the product). Bit for bit the same: {@code x . (2E)}
     * equals {@code 2 (x . E)} exactly (scaling by two is exact in binary floating point, for every product and
     * partial sum alike); {@code + ||e||^2} in place rounds as the out-of-place add; and the first minimum of
     * {@code d} is the first maximum of {@code -d}, the official {@code max(-d).indices}.
     */
    private NDArray nearestFrozen(NDArray x) {
        try (NDArray xx = x.square();
             NDArray x2 = xx.sum(new int[] {1}, true);
             NDArray xe2 = x.matMul(frozenDoubledEmbedT);
             NDArray d = x2.sub(xe2)) {
            d.addi(frozenSquaredNorms);
            return d.argMin(1);
        }
    }

    private static NDArray squaredNorms(NDArray embedT) {
        try (NDArray sq = embedT.square()) {
            return sq.sum(new int[] {0}, true);
        }
    }

    /**
     * Code vectors of the given indices.
     *
     * @param indices int64 {@code (N)}
     * @return {@code (N, dim)}, attached to {@code indices}' manager
     */
    public NDArray lookup(NDArray indices) {
        Shape s = indices.getShape();
        if (s.dimension() != 1) {
            throw new IllegalArgumentException("indices must be 1-D, got " + s);
        }
        return embed().get(indices.getManager(), new NDIndex("{}", indices));
    }

    /**
     * Initialises the codebook by k-means on {@code x} if it was not yet ({@code inited == 0}), as the official
     * {@code init_embed_} does on the first batch: {@code embed = embed_avg = means}, {@code cluster_size = bins},
     * {@code inited = 1}.
     *
     * <p>With {@code countWeighted} the EMA sums start as {@code means * counts} instead, so that the first EMA
     * update keeps each code near its mean: the official {@code embed_avg = means} next to
     * {@code cluster_size = counts} makes the next {@code embed} about {@code means / counts}, which shrinks the
     * well-used codes toward zero and can collapse the codebook's usage right after initialisation.
     *
     * @param x             {@code (N, dim)} batch vectors
     * @param kmeans        the k-means procedure (iterations, seeded sampling)
     * @param countWeighted start {@code embed_avg} as {@code means * counts} (opt-in) instead of {@code means}
     * @return whether it initialised
     */
    public boolean initializeIfNeeded(NDArray x, CodebookKMeans kmeans, boolean countWeighted) {
        if (initialized()) {
            return false;
        }
        NDManager owner = embed().getManager();
        try (NDArray detached = x.stopGradient()) {
            CodebookKMeans.Result r = kmeans.fit(detached, bins());
            NDArray means = r.means();
            means.attach(owner);
            NDArray counts = r.counts().toType(DataType.FLOAT32, false);
            counts.attach(owner);
            NDArray avg;
            if (countWeighted) {
                try (NDArray column = counts.expandDims(1)) {
                    avg = means.mul(column);
                }
            } else {
                avg = means.duplicate();
            }
            r.counts().close();
            setBuffer("embed", means);
            setBuffer("embed_avg", avg);
            setBuffer("cluster_size", counts);
            buffer("inited").set(new NDIndex("0"), 1f);
        }
        return true;
    }

    /**
     * Initialises the codebook by k-means on a sample larger than one batch (opt-in; the official code uses the
     * first batch alone). A first batch of a few hundred vectors for hundreds of codes leaves every code on one
     * training vector, and the next batch's vectors then lie closer to the one code nearest the data's mean than to
     * any of them: usage collapses to a handful of codes right after step 1. Clustering thousands of vectors from
     * several batches gives codes that generalise.
     *
     * <p>The EMA state starts where a run that had seen this data would be: {@code cluster_size = counts * scale}
     * with {@code scale = batch rows / sample rows} (per-batch expected counts) and
     * {@code embed_avg = means * cluster_size}, so that the first EMA update keeps each code at its mean.
     *
     * @param x          {@code (N, dim)} sample vectors (no gradient taken)
     * @param kmeans     the k-means procedure
     * @param countScale factor from sample counts to per-batch counts
     */
    public void initializeFromSample(NDArray x, CodebookKMeans kmeans, float countScale) {
        if (!trainable) {
            throw new IllegalStateException("inference-only codebook cannot be initialised");
        }
        NDManager owner = embed().getManager();
        try (NDArray detached = x.stopGradient()) {
            CodebookKMeans.Result r = kmeans.fit(detached, bins());
            NDArray means = r.means();
            means.attach(owner);
            NDArray counts;
            try (NDArray asFloat = r.counts().toType(DataType.FLOAT32, false)) {
                counts = asFloat.mul(countScale);
            }
            counts.attach(owner);
            NDArray avg;
            try (NDArray column = counts.expandDims(1)) {
                avg = means.mul(column);
            }
            r.counts().close();
            setBuffer("embed", means);
            setBuffer("embed_avg", avg);
            setBuffer("cluster_size", counts);
            buffer("inited").set(new NDIndex("0"), 1f);
        }
    }

    /**
     * Translates the whole codebook so that its count-weighted mean equals the batch mean of {@code x}, keeping the
     * EMA state consistent ({@code embed_avg += shift * cluster_size}); opt-in, training only. A SEANet encoder's
     * latent is a large common vector plus small frame-to-frame variation, and an optimiser step moves the common
     * part further than the variation spans: codebooks that do not follow are left behind and every frame then picks
     * the one code nearest the new mean (usage collapse). Following the mean (the translation part of the affine
     * codebook re-parameterisation of Huh et al., 2023) keeps the codes among the latents; at inference the
     * encoder no longer moves and the codebook is used as stored.
     *
     * @param x {@code (N, dim)} batch vectors (no gradient taken)
     */
    public void recenter(NDArray x) {
        if (!trainable) {
            throw new IllegalStateException("inference-only codebook cannot be re-centred");
        }
        NDArray cs = clusterSize();
        NDArray avg = buffer("embed_avg");
        NDArray embed = embed();
        try (NDManager scope = x.getManager().newSubManager()) {
            scope.tempAttachAll(cs, avg, embed);
            NDArray xd = x.stopGradient();
            xd.attach(scope);
            NDArray batchMean = xd.mean(new int[] {0});
            NDArray total = cs.sum();
            if (total.getFloat() <= 0f) {
                return;
            }
            NDArray weights = cs.div(total).expandDims(1);
            NDArray codeMean = embed.mul(weights).sum(new int[] {0});
            NDArray shift = batchMean.sub(codeMean).expandDims(0);
            embed.addi(shift);
            avg.addi(shift.mul(cs.expandDims(1)));
        }
    }

    /**
     * Number of codes whose EMA count is below {@code threshold} (the official dead-code test, run before the
     * update).
     */
    public int countBelow(float threshold) {
        try (NDArray below = clusterSize().lt(threshold); NDArray n = below.sum();
             NDArray asLong = n.toType(DataType.INT64, false)) {
            return (int) asLong.getLong();
        }
    }

    /**
     * The EMA update of one training step (SPEC 3.2 step 4), in place: {@code cluster_size} and
     * {@code embed_avg} move toward the batch counts and sums, then {@code embed = embed_avg / smoothed counts}.
     *
     * @param x       {@code (N, dim)} batch vectors (no gradient taken)
     * @param indices int64 {@code (N)} codes chosen for {@code x} with the codebook before this update
     */
    public void emaUpdate(NDArray x, NDArray indices) {
        if (!trainable) {
            throw new IllegalStateException("inference-only codebook cannot be updated");
        }
        int bins = bins();
        NDManager m = x.getManager();
        NDArray cs = clusterSize();
        NDArray avg = buffer("embed_avg");
        NDArray embed = embed();
        try (NDManager scope = m.newSubManager()) {
            // buffers join the scope for the duration, so every temporary derived from them is freed with it
            scope.tempAttachAll(cs, avg, embed);
            NDArray xd = x.stopGradient();
            xd.attach(scope);
            NDArray onehot = indices.oneHot(bins).toType(DataType.FLOAT32, false);
            onehot.attach(scope);
            NDArray counts = onehot.sum(new int[] {0});
            cs.muli(DECAY).addi(counts.mul(ONE_MINUS_DECAY));
            NDArray embedSum = xd.transpose().matMul(onehot); // (dim, bins)
            avg.muli(DECAY).addi(embedSum.transpose().mul(ONE_MINUS_DECAY));
            NDArray n = cs.sum();
            NDArray smoothed = cs.add(EPSILON).div(n.add(bins * EPSILON)).mul(n);
            NDArray normalized = avg.div(smoothed.expandDims(1));
            embed.set(new NDIndex(":"), normalized);
        }
    }

    /**
     * A dead-code expiry that works (opt-in; the official one is overwritten by the EMA update and does nothing,
     * SPEC 3.6): after the update, every code whose EMA count is below {@code threshold} is re-seeded with a
     * random vector of the current batch, with {@code cluster_size = threshold} and
     * {@code embed_avg = vector * threshold}, so the replacement persists.
     *
     * @param x         {@code (N, dim)} batch vectors
     * @param threshold EMA count below which a code is dead
     * @param random    source of the batch rows chosen
     * @return number of codes replaced
     */
    public int reseedDeadCodes(NDArray x, float threshold, java.util.random.RandomGenerator random) {
        float[] counts = clusterSize().toFloatArray();
        int rows = Math.toIntExact(x.getShape().get(0));
        int replaced = 0;
        try (NDArray xd = x.stopGradient(); NDManager scope = x.getManager().newSubManager()) {
            // set(index, float) would create its scalar on the buffers' long-lived manager: use one of ours
            NDArray count = scope.create(threshold);
            for (int c = 0; c < counts.length; c++) {
                if (counts[c] < threshold) {
                    try (NDArray v = xd.get(random.nextInt(rows))) {
                        embed().set(new NDIndex("{}", c), v);
                        try (NDArray scaled = v.mul(threshold)) {
                            buffer("embed_avg").set(new NDIndex("{}", c), scaled);
                        }
                    }
                    clusterSize().set(new NDIndex("{}", c), count);
                    replaced++;
                }
            }
        }
        return replaced;
    }

    /** {@inheritDoc} The quantized vectors of {@code x (N, dim)}: {@code embed[nearest(x)]}. */
    @Override
    public NDArray forward(NDArray x, boolean training) {
        try (NDArray idx = nearest(x)) {
            return lookup(idx);
        }
    }

    @Override
    protected void freeze() {
        NDArray embed = embed();
        // the transposed copy and its norms exactly as the general path makes them, so that the product runs on
        // the same layout (same kernel, same summation order)
        try (NDArray embedT = embed.transpose().duplicate()) {
            frozenSquaredNorms = squaredNorms(embedT);
            frozenDoubledEmbedT = embedT.mul(2f);
        }
    }
}
