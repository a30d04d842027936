package io.voxtok.nn.quantization;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDManager;
import io.voxtok.nn.ParameterLoader;
import io.voxtok.nn.StateDictBlock;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Residual vector quantiser for inference, as in EnCodec and SpeechTokenizer (SPEC 3.1 and 2.6).
 *
 * <p>{@code encode(z, st, end)} runs {@code layers[st:end]} on the <em>raw</em> latent (layers below
 * {@code st} are not subtracted first — SpeechTokenizer's semantics), subtracting each chosen code vector
 * from the residual. {@code decode(codes, st)} sums {@code embed_{st+i}[codes[i]]}. Codebooks have no
 * projection ({@code codebook_dim == dim}).
 *
 * <p>{@link #forwardTraining} is the official training forward (SPEC 3.2): straight-through estimator,
 * commitment loss, EMA codebook updates, k-means initialisation of uninitialised codebooks. Codebooks are the
 * children {@code vq.layers.{i}._codebook} (official keys). Thread-safe for inference; one training loop at a
 * time.
 */
public final class ResidualVectorQuantizer extends StateDictBlock {
    private final List<Codebook> layers;

    /** @param layers codebooks in order */
    public ResidualVectorQuantizer(List<Codebook> layers) {
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("an RVQ needs at least one codebook");
        }
        this.layers = List.copyOf(layers);
        for (int i = 0; i < this.layers.size(); i++) {
            child("vq.layers." + i + "._codebook", this.layers.get(i));
        }
    }

    /**
     * Loads {@code prefix + "vq.layers.{i}._codebook.embed"} for {@code i < nq}, with the training buffers
     * ({@code inited}, {@code cluster_size}, {@code embed_avg}) when the checkpoint holds all three (a trainable
     * quantizer), else an inference-only one. An initializing loader gives untrained codebooks
     * ({@code inited = 0}, k-means on the first training batch) when {@code trainable}.
     *
     * @param prefix    e.g. {@code "quantizer."}
     * @param trainable whether the training buffers are wanted (missing ones are then errors)
     */
    public static ResidualVectorQuantizer load(ParameterLoader loader, String prefix, int nq, int bins, int dim,
                                               boolean trainable) {
        List<Codebook> books = new ArrayList<>();
        for (int i = 0; i < nq; i++) {
            String p = prefix + "vq.layers." + i + "._codebook.";
            if (!trainable) {
                books.add(new Codebook(loader.tensor(p + "embed", bins, dim)));
                loader.ignore(p + "inited", p + "cluster_size", p + "embed_avg");
            } else if (loader.isInitializing()) {
                loader.optionalTensor(p + "embed", bins, dim);
                loader.optionalTensor(p + "inited", 1);
                loader.optionalTensor(p + "cluster_size", bins);
                loader.optionalTensor(p + "embed_avg", bins, dim);
                books.add(Codebook.untrained(loader.manager(), bins, dim));
            } else {
                books.add(new Codebook(loader.tensor(p + "inited", 1), loader.tensor(p + "cluster_size", bins),
                        loader.tensor(p + "embed", bins, dim), loader.tensor(p + "embed_avg", bins, dim)));
            }
        }
        return new ResidualVectorQuantizer(books);
    }

    /** {@link #load(ParameterLoader, String, int, int, int, boolean)} for inference ({@code embed} only). */
    public static ResidualVectorQuantizer load(ParameterLoader loader, String prefix, int nq, int bins, int dim) {
        return load(loader, prefix, nq, bins, dim, false);
    }

    /** Number of codebooks. */
    public int numLayers() {
        return layers.size();
    }

    /** Codebook {@code i}. */
    public Codebook layer(int i) {
        return layers.get(i);
    }

    /** Vector dimension. */
    public int dim() {
        return layers.get(0).dim();
    }

    /** Codes per codebook. */
    public int bins() {
        return layers.get(0).bins();
    }

    /**
     * Encodes a latent.
     *
     * @param latent {@code (B, D, T)}
     * @param st     first codebook, {@code 0 <= st < end}
     * @param end    one past the last codebook ({@code n_q} of the official call), {@code <= numLayers()}
     * @return int64 codes {@code (end - st, B, T)}, attached to {@code latent}'s manager
     */
    public NDArray encode(NDArray latent, int st, int end) {
        return run(latent, st, end, false).codes();
    }

    /**
     * The quantized vector of every layer in {@code [st, end)} as the residual loop produces it (in eval mode
     * the straight-through output equals the code vector), plus the codes.
     *
     * @param latent {@code (B, D, T)}
     * @return codes {@code (end - st, B, T)} and per-layer quantized {@code (B, D, T)}
     */
    public Quantized quantize(NDArray latent, int st, int end) {
        return run(latent, st, end, true);
    }

    /**
     * Decodes codes by codebook lookup.
     *
     * @param codes int64 {@code (K, B, T)} for codebooks {@code st .. st + K - 1}
     * @param st    first codebook
     * @return {@code (B, D, T)}, attached to {@code codes}' manager
     */
    public NDArray decode(NDArray codes, int st) {
        long[] s = codes.getShape().getShape();
        if (s.length != 3) {
            throw new IllegalArgumentException("codes must be (K, B, T), got " + codes.getShape());
        }
        int k = Math.toIntExact(s[0]);
        checkRange(st, st + k);
        NDArray sum = null;
        for (int i = 0; i < k; i++) {
            try (NDArray c = codes.get(i);
                 NDArray flat = c.reshape(-1);
                 NDArray q = layers.get(st + i).lookup(flat)) {
                if (sum == null) {
                    sum = q.duplicate();
                } else {
                    NDArray next = sum.add(q);
                    sum.close();
                    sum = next;
                }
            }
        }
        try (NDArray rows = sum; NDArray btd = rows.reshape(s[1], s[2], dim())) {
            return btd.transpose(0, 2, 1);
        }
    }

    /** {@inheritDoc} The quantized latent of all codebooks (inference semantics; see {@link #forwardTraining}). */
    @Override
    public NDArray forward(NDArray latent, boolean training) {
        try (NDArray codes = encode(latent, 0, layers.size())) {
            return decode(codes, 0);
        }
    }

    /**
     * Options of the training forward.
     *
     * @param kmeansIterations    Lloyd iterations of the first-batch initialisation (50 officially)
     * @param deadCodeThreshold   EMA count below which a code counts as dead (2 officially)
     * @param reseedDeadCodes     re-seed dead codes from the batch so that it has an effect (opt-in); false is the
     *                            official behaviour, whose expiry is overwritten by the EMA update (a no-op)
     * @param countWeightedInit   start the EMA sums as {@code means * counts} after k-means (opt-in, see
     *                            {@link Codebook#initializeIfNeeded}); false is the official {@code means}
     * @param recenter            move each codebook with the batch mean before choosing codes
     *                            ({@link Codebook#recenter}; opt-in, false is the official behaviour)
     */
    public record TrainingOptions(int kmeansIterations, float deadCodeThreshold, boolean reseedDeadCodes,
                                  boolean countWeightedInit, boolean recenter) {
        /** The official settings: 50 k-means iterations, threshold 2, expiry without effect, official init. */
        public static TrainingOptions official() {
            return new TrainingOptions(50, 2f, false, false, false);
        }
    }

    /**
     * Result of {@link #forwardTraining}.
     *
     * @param quantized       sum of the layers' straight-through outputs {@code (B, D, T)}
     * @param codes           int64 {@code (nq, B, T)}
     * @param commitmentLoss  scalar: mean over layers of {@code mse(q, x)} (gradient to {@code x} only); 0 when
     *                        not training
     * @param quantizedLayers per layer {@code (B, D, T)}
     * @param deadCodes       per layer, codes whose EMA count was below the threshold before the update
     * @param reseeded        per layer, codes re-seeded (0 unless {@code reseedDeadCodes})
     * @param initialized     per layer, whether the k-means initialisation ran in this call
     */
    public record TrainingOutput(NDArray quantized, NDArray codes, NDArray commitmentLoss,
                                 List<NDArray> quantizedLayers, int[] deadCodes, int[] reseeded,
                                 boolean[] initialized) {
    }

    /**
     * The official training forward of the first {@code nq} codebooks ({@code ResidualVectorQuantizer.forward}):
     * per layer, codes chosen with the codebook before its update, EMA update when training, straight-through
     * output {@code x + (q - x).detach()}, commitment loss {@code mse(q, x)}, and the residual
     * {@code r - q_st} (not detached, as officially: only layer 1's loss reaches the encoder, SPEC 3.6).
     *
     * @param latent   {@code (B, D, T)}
     * @param nq       codebooks used
     * @param training update codebooks and use the straight-through estimator; false gives code vectors and a
     *                 zero loss, like the official module in eval mode
     * @param options  initialisation and dead-code options
     * @param random   source for k-means sampling and dead-code re-seeding
     */
    public TrainingOutput forwardTraining(NDArray latent, int nq, boolean training, TrainingOptions options,
                                          SplittableRandom random) {
        checkTrainable(training);
        checkRange(0, nq);
        long[] s = latent.getShape().getShape();
        if (s.length != 3 || s[1] != dim()) {
            throw new IllegalArgumentException("latent must be (B, " + dim() + ", T), got " + latent.getShape());
        }
        long batch = s[0];
        long frames = s[2];
        NDManager m = latent.getManager();
        CodebookKMeans kmeans = new CodebookKMeans(options.kmeansIterations(), random);
        NDArray residual = latent;
        NDArray out = null;
        NDList codes = new NDList();
        NDList losses = new NDList();
        List<NDArray> perLayer = new ArrayList<>();
        int[] dead = new int[nq];
        int[] reseeded = new int[nq];
        boolean[] initialized = new boolean[nq];
        for (int i = 0; i < nq; i++) {
            Codebook book = layers.get(i);
            NDArray x;
            try (NDArray btd = residual.transpose(0, 2, 1)) {
                x = btd.reshape(batch * frames, dim());
            }
            initialized[i] = book.initializeIfNeeded(x, kmeans, options.countWeightedInit());
            if (training && options.recenter() && !initialized[i]) {
                book.recenter(x);
            }
            NDArray idx = book.nearest(x);
            NDArray q = book.lookup(idx);
            NDArray qst;
            if (training) {
                dead[i] = book.countBelow(options.deadCodeThreshold());
                book.emaUpdate(x, idx);
                if (options.reseedDeadCodes()) {
                    reseeded[i] = book.reseedDeadCodes(x, options.deadCodeThreshold(), random);
                }
                try (NDArray diff = q.sub(x); NDArray detached = diff.stopGradient()) {
                    qst = x.add(detached);
                }
                try (NDArray target = qst.stopGradient(); NDArray err = target.sub(x); NDArray sq = err.square()) {
                    losses.add(sq.mean());
                }
            } else {
                qst = q.duplicate();
                losses.add(m.zeros(new ai.djl.ndarray.types.Shape()));
            }
            q.close();
            x.close();
            NDArray layerOut;
            try (NDArray btd = qst.reshape(batch, frames, dim())) {
                layerOut = btd.transpose(0, 2, 1);
            }
            qst.close();
            perLayer.add(layerOut);
            codes.add(idx.reshape(batch, frames));
            idx.close();
            NDArray nextResidual = residual.sub(layerOut);
            if (residual != latent) {
                residual.close();
            }
            residual = nextResidual;
            NDArray nextOut = out == null ? io.voxtok.nn.NdArrays.alias(layerOut) : out.add(layerOut);
            if (out != null) {
                out.close();
            }
            out = nextOut;
        }
        residual.close();
        NDArray stackedCodes = NDArrays.stack(codes, 0);
        codes.close();
        NDArray loss;
        try (NDArray stacked = NDArrays.stack(losses, 0)) {
            loss = stacked.mean();
        }
        losses.close();
        return new TrainingOutput(out, stackedCodes, loss, perLayer, dead, reseeded, initialized);
    }

    /**
     * Initialises every codebook from a sample of latents ({@link Codebook#initializeFromSample}), layer by layer
     * on the residual left by the layers before it, as the first training forward would but on more data.
     *
     * @param rows       {@code (N, dim)} latent vectors (no gradient taken)
     * @param kmeans     the k-means procedure
     * @param countScale factor from sample counts to per-batch counts (batch rows / N)
     */
    public void initializeFromSample(NDArray rows, CodebookKMeans kmeans, float countScale) {
        long[] s = rows.getShape().getShape();
        if (s.length != 2 || s[1] != dim()) {
            throw new IllegalArgumentException("sample must be (N, " + dim() + "), got " + rows.getShape());
        }
        NDArray residual = rows.stopGradient();
        try {
            for (Codebook book : layers) {
                book.initializeFromSample(residual, kmeans, countScale);
                try (NDArray idx = book.nearest(residual); NDArray q = book.lookup(idx)) {
                    NDArray next = residual.sub(q);
                    residual.close();
                    residual = next;
                }
            }
        } finally {
            residual.close();
        }
    }

    private Quantized run(NDArray latent, int st, int end, boolean keepQuantized) {
        checkRange(st, end);
        long[] s = latent.getShape().getShape();
        if (s.length != 3 || s[1] != dim()) {
            throw new IllegalArgumentException("latent must be (B, " + dim() + ", T), got " + latent.getShape());
        }
        long batch = s[0];
        long frames = s[2];
        NDList codes = new NDList();
        List<NDArray> quantized = new ArrayList<>();
        NDArray residual;
        try (NDArray btd = latent.transpose(0, 2, 1)) {
            residual = btd.reshape(batch * frames, dim());
        }
        for (int i = st; i < end; i++) {
            Codebook book = layers.get(i);
            NDArray idx = book.nearest(residual);
            NDArray q = book.lookup(idx);
            NDArray next = residual.sub(q);
            residual.close();
            residual = next;
            codes.add(idx.reshape(batch, frames));
            idx.close();
            if (keepQuantized) {
                try (NDArray btd = q.reshape(batch, frames, dim())) {
                    quantized.add(btd.transpose(0, 2, 1));
                }
            }
            q.close();
        }
        residual.close();
        NDArray stacked = NDArrays.stack(codes, 0);
        codes.close();
        return new Quantized(stacked, quantized);
    }

    private void checkRange(int st, int end) {
        if (st < 0 || end > layers.size() || st >= end) {
            throw new IllegalArgumentException("codebook range [" + st + ", " + end + ") outside [0, "
                    + layers.size() + ") or empty");
        }
    }

    /**
     * Result of {@link #quantize}.
     *
     * @param codes     int64 {@code (K, B, T)}
     * @param quantized per layer {@code (B, D, T)} (empty when not requested)
     */
    public record Quantized(NDArray codes, List<NDArray> quantized) {
    }
}
