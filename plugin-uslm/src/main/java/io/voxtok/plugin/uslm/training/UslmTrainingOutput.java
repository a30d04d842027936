package io.voxtok.plugin.uslm.training;

import ai.djl.ndarray.NDArray;
import java.util.List;
import java.util.Map;

/**
 * What one training forward returns. Every array is attached to the batch's manager and, when the forward ran with
 * gradients recording, to the parameters' gradients. Immutable holder (the arrays are not copied).
 *
 * @param totalLoss   the official {@code total_loss} (sum reduction; halved for {@code train_stage} 0)
 * @param losses      the parts by name: {@code loss_ar}, {@code loss_nar_stage<s>}
 * @param metrics     top-10 accuracies in the official order
 * @param narStages   NAR stages computed (e.g. {@code [1, k]}); empty for {@code train_stage} 1
 * @param codes       the codes with padded frames zeroed ({@code (N, T, 8)}, int64)
 * @param trace       intermediate arrays by fixture name (only when requested; else empty)
 */
public record UslmTrainingOutput(NDArray totalLoss, Map<String, NDArray> losses, List<TopKAccuracy> metrics,
                                 List<Integer> narStages, NDArray codes, Map<String, NDArray> trace) {
    /** Copies the collections. */
    public UslmTrainingOutput {
        losses = Map.copyOf(losses);
        metrics = List.copyOf(metrics);
        narStages = List.copyOf(narStages);
        trace = Map.copyOf(trace);
    }

    /** A metric by official name. */
    public TopKAccuracy metric(String name) {
        return metrics.stream().filter(m -> m.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no metric " + name + " in " + metrics));
    }
}
