package io.voxtok.nn.recurrent;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import io.voxtok.modelio.Tensor;
import io.voxtok.nn.Ref;
import io.voxtok.nn.backend.PyTorchBackend;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** 2-layer LSTMs against {@code torch.nn.LSTM} (padded and packed sequences). */
class LstmTest {

    private static Lstm lstm(NDManager m, String tag, boolean bidirectional) {
        Tensor x = Ref.tensor(tag + "_x");
        int in = Math.toIntExact(x.shape()[2]);
        int hidden = Math.toIntExact(Ref.tensor(tag + "_p_weight_hh_l0").shape()[1]);
        int dirs = bidirectional ? 2 : 1;
        LstmCellWeights[][] layers = new LstmCellWeights[2][dirs];
        for (int l = 0; l < 2; l++) {
            for (int d = 0; d < dirs; d++) {
                String s = "_l" + l + (d == 1 ? "_reverse" : "");
                layers[l][d] = new LstmCellWeights(Ref.nd(m, tag + "_p_weight_ih" + s),
                        Ref.nd(m, tag + "_p_weight_hh" + s), Ref.nd(m, tag + "_p_bias_ih" + s),
                        Ref.nd(m, tag + "_p_bias_hh" + s));
            }
        }
        return new Lstm(layers, in, hidden, bidirectional);
    }

    @ParameterizedTest
    @ValueSource(strings = {"lstm_bi", "lstm_uni"})
    void paddedMatchesTorch(String tag) {
        try (NDManager m = PyTorchBackend.newManager(ai.djl.Device.cpu())) {
            Lstm lstm = lstm(m, tag, tag.endsWith("bi"));
            Ref.assertClose(Ref.tensor(tag + "_y"), lstm.forward(Ref.nd(m, tag + "_x")), 1e-5, tag);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"lstm_bi", "lstm_uni"})
    void perItemLengthsMatchPackedSequence(String tag) {
        try (NDManager m = PyTorchBackend.newManager(ai.djl.Device.cpu())) {
            Lstm lstm = lstm(m, tag, tag.endsWith("bi"));
            long[] lens = Ref.tensor(tag + "_lengths").toLongArray();
            int[] lengths = new int[lens.length];
            for (int i = 0; i < lens.length; i++) {
                lengths[i] = (int) lens[i];
            }
            NDArray y = lstm.forward(Ref.nd(m, tag + "_x"), lengths);
            NDArray expected = Ref.nd(m, tag + "_ypacked");
            for (int b = 0; b < lengths.length; b++) {
                NDIndex valid = new NDIndex(":{}, {}, :", lengths[b], b);
                Ref.assertClose(expected.get(valid).toFloatArray(), y.get(valid).toFloatArray(), 1e-5,
                        tag + " item " + b + " (length " + lengths[b] + ")");
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"lstm_bi", "lstm_uni"})
    void skipLstmAddsInputOncePerDirection(String tag) {
        boolean bi = tag.endsWith("bi");
        try (NDManager m = PyTorchBackend.newManager(ai.djl.Device.cpu())) {
            Lstm lstm = lstm(m, tag, bi);
            NDArray x = Ref.nd(m, tag + "_x");
            NDArray expected = Ref.nd(m, tag + "_y").add(bi ? NDArrays.concat(new NDList(x, x), 2) : x)
                    .transpose(1, 2, 0);
            NDArray y = new SkipLstm(lstm).forward(x.transpose(1, 2, 0));
            Ref.assertClose(expected.toFloatArray(), y.toFloatArray(), 1e-5, tag + " skip");
        }
    }
}
