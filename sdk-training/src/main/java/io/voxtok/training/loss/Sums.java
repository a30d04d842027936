package io.voxtok.training.loss;

import ai.djl.ndarray.NDArray;
import java.util.List;

/** Float32 sums in a fixed order, as Python's {@code sum(...)} of tensors (its start value 0 adds exactly). */
final class Sums {
    private Sums() {
    }

    /** {@code ((t_0 + t_1) + t_2) + ...}, attached to {@code t_0}'s manager; inputs are not closed. */
    static NDArray inOrder(List<NDArray> terms) {
        if (terms.isEmpty()) {
            throw new IllegalArgumentException("nothing to sum");
        }
        try (LossScope scope = LossScope.open(terms.get(0).getManager(), terms)) {
            NDArray sum = io.voxtok.nn.NdArrays.alias(terms.get(0));
            for (int i = 1; i < terms.size(); i++) {
                sum = sum.add(terms.get(i));
            }
            return scope.keep(sum);
        }
    }
}
