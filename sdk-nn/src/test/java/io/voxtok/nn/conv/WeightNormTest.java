package io.voxtok.nn.conv;

import ai.djl.ndarray.NDManager;
import io.voxtok.nn.Ref;
import io.voxtok.nn.backend.PyTorchBackend;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Weight-norm folding against the {@code .weight} that {@code torch.nn.utils.weight_norm} computes. */
class WeightNormTest {

    @ParameterizedTest(name = "{0} dim {1}")
    @CsvSource({"wn_conv, 0", "wn_convtr, 0", "wn_dim2, 2"})
    void foldMatchesTorch(String tag, int dim) {
        try (NDManager m = PyTorchBackend.newManager(ai.djl.Device.cpu())) {
            Ref.assertClose(Ref.tensor(tag + "_w"), WeightNorm.fold(Ref.nd(m, tag + "_g"), Ref.nd(m, tag + "_v"), dim),
                    1e-6, tag);
        }
    }
}
