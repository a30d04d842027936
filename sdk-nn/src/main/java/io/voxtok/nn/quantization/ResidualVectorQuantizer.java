package io.voxtok.nn.quantization;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDArrays;
import io.voxtok.nn.ParameterLoader;

import java.util.ArrayList;
import java.util.List;

/**
 * Residual vector quantiser for inference, as in EnCodec and SpeechTokenizer (SPEC 3.1 and 2.6).
 *
 * <p>{@code encode(z, st, end)} runs {@code layers[st:end]} on the <em>raw</em> latent (layers below
 * {@code st} are not subtracted first — SpeechTokenizer's semantics), subtracting each chosen code vector
 * from the residual. {@code decode(codes, st)} sums {@code embed_{st+i}[codes[i]]}. Codebooks have no
 * projection ({@code codebook_dim == dim}). Immutable and thread-safe.
 */
public final class ResidualVectorQuantizer {
    private final List<Codebook> layers;

    /** @param layers codebooks in order */
    public ResidualVectorQuantizer(List<Codebook> layers) {
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("an RVQ needs at least one codebook");
        }
        this.layers = List.copyOf(layers);
    }

    /**
     * Loads {@code prefix + "vq.layers.{i}._codebook.embed"} for {@code i < nq} and marks the training buffers
     * ({@code inited}, {@code cluster_size}, {@code embed_avg}) as ignorable.
     *
     * @param prefix e.g. {@code "quantizer."}
     */
    public static ResidualVectorQuantizer load(ParameterLoader loader, String prefix, int nq, int bins, int dim) {
        List<Codebook> books = new ArrayList<>();
        for (int i = 0; i < nq; i++) {
            String p = prefix + "vq.layers." + i + "._codebook.";
            books.add(new Codebook(loader.tensor(p + "embed", bins, dim)));
            loader.ignore(p + "inited", p + "cluster_size", p + "embed_avg");
        }
        return new ResidualVectorQuantizer(books);
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
