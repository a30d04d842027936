package io.voxtok.metrics;

import io.voxtok.api.VoxtokException;
import io.voxtok.api.bench.Metric;
import io.voxtok.api.token.TokenMatrix;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Per-layer codebook usage accumulated over a corpus: with {@code c_k} the count of code {@code k} in a layer
 * over all valid frames and {@code p_k = c_k / sum c}: utilisation = {@code |{k : c_k > 0}| / K} and
 * perplexity = {@code exp(-sum p_k ln p_k)} (between 1 and K; K when all codes are equally used). Not
 * thread-safe: one accumulator per thread, or add under a lock.
 */
public final class CodebookUsage {
    /** Definition version. */
    public static final String VERSION = "1";
    private final int codebookSize;
    private final int firstLayer;
    private final long[][] counts;

    /** An empty accumulator for {@code layers} layers starting at absolute layer {@code firstLayer}. */
    public CodebookUsage(int layers, int firstLayer, int codebookSize) {
        if (layers < 1 || codebookSize < 2 || firstLayer < 0) {
            throw new IllegalArgumentException("bad codebook shape: " + layers + " layers of " + codebookSize);
        }
        this.codebookSize = codebookSize;
        this.firstLayer = firstLayer;
        this.counts = new long[layers][codebookSize];
    }

    /** Counts the valid frames of every item of {@code tokens}; its layout must match this accumulator. */
    public CodebookUsage add(TokenMatrix tokens) {
        if (tokens.layers() != counts.length || tokens.codebookSize() != codebookSize
                || tokens.firstLayer() != firstLayer) {
            throw VoxtokException.userInput("codebook usage: tokens have " + tokens.layers() + " layers from "
                    + tokens.firstLayer() + " of size " + tokens.codebookSize() + ", accumulator expects "
                    + counts.length + " from " + firstLayer + " of size " + codebookSize);
        }
        for (int b = 0; b < tokens.batchSize(); b++) {
            int valid = tokens.validFrames(b);
            for (int l = 0; l < counts.length; l++) {
                for (int t = 0; t < valid; t++) {
                    counts[l][tokens.code(l, b, t)]++;
                }
            }
        }
        return this;
    }

    /** Counts one layer's codes directly (index relative to this accumulator's first layer). */
    public CodebookUsage add(int layer, int[] codes) {
        for (int c : codes) {
            if (c < 0 || c >= codebookSize) {
                throw VoxtokException.userInput("codebook usage: code " + c + " outside [0, " + codebookSize + ")");
            }
            counts[layer][c]++;
        }
        return this;
    }

    /** Utilisation and perplexity per layer, in layer order (utilisation then perplexity for each). */
    public List<Metric> metrics() {
        List<Metric> out = new ArrayList<>();
        for (int l = 0; l < counts.length; l++) {
            long total = 0;
            int used = 0;
            for (long c : counts[l]) {
                total += c;
                used += c > 0 ? 1 : 0;
            }
            if (total == 0) {
                throw VoxtokException.userInput("codebook usage: layer " + (firstLayer + l) + " has no tokens");
            }
            double h = 0;
            for (long c : counts[l]) {
                if (c > 0) {
                    double p = c / (double) total;
                    h -= p * Math.log(p);
                }
            }
            Map<String, String> params = Map.of("layer", "" + (firstLayer + l), "codebook_size", "" + codebookSize,
                    "tokens", "" + total);
            out.add(new Metric("codebook_utilisation", used / (double) codebookSize, "fraction", true, VERSION, params));
            out.add(new Metric("codebook_perplexity", Math.exp(h), "codes", true, VERSION, params));
        }
        return out;
    }
}
