package io.voxtok.bench.report;

import java.util.List;
import java.util.Optional;

/**
 * The data behind one subject's plots, computed by the host from the cached tokens (benchmarks return scalar
 * metrics only).
 *
 * @param usage   per layer, how often each code occurred (copied)
 * @param heatmap {@code p(phone | code)} of RVQ-1, when the corpus has alignments
 * @param tsne    t-SNE maps per layer group (empty when there are too few aligned segments) (copied)
 */
public record SubjectFigures(List<long[]> usage, Optional<PhoneCodeMatrix> heatmap, List<TsneMap> tsne) {
    /** Copies. */
    public SubjectFigures {
        usage = List.copyOf(usage);
        tsne = List.copyOf(tsne);
    }

    /**
     * {@code p(phone | code)} for the most frequent codes of a layer.
     *
     * @param phones phones in descending frequency
     * @param codes  codes shown, ordered by their most likely phone
     * @param p      {@code p[i][j]} = p(phone j | code {@code codes[i]})
     */
    public record PhoneCodeMatrix(List<String> phones, int[] codes, double[][] p) {
    }

    /**
     * A t-SNE map of phone segments represented by one layer group's codes.
     *
     * @param group    e.g. {@code RVQ-1}
     * @param xy       the 2-D points
     * @param speakers speaker of each point
     * @param phones   phone of each point
     */
    public record TsneMap(String group, double[][] xy, List<String> speakers, List<String> phones) {
    }
}
