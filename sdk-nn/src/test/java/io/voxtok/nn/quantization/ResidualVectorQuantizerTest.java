package io.voxtok.nn.quantization;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.voxtok.nn.Ref;
import io.voxtok.nn.backend.PyTorchBackend;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** RVQ encode/decode with SpeechTokenizer's st/n_q semantics against PyTorch (SPEC 3.1 formula). */
class ResidualVectorQuantizerTest {

    private static ResidualVectorQuantizer rvq(NDManager m) {
        List<Codebook> books = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            books.add(new Codebook(Ref.nd(m, "rvq_embed" + i)));
        }
        return new ResidualVectorQuantizer(books);
    }

    @ParameterizedTest(name = "st {0}, n_q {1}")
    @CsvSource({"0,4", "0,2", "1,3", "2,4"})
    void encodeAndDecodeMatchTorch(int st, int nq) {
        try (NDManager m = PyTorchBackend.newManager(ai.djl.Device.cpu())) {
            ResidualVectorQuantizer rvq = rvq(m);
            NDArray latent = Ref.nd(m, "rvq_latent");
            String tag = "rvq_codes_st" + st + "_nq" + nq;
            Ref.assertExact(Ref.tensor(tag), rvq.encode(latent, st, nq), tag);
            NDArray codes = Ref.ndLong(m, tag);
            Ref.assertClose(Ref.tensor("rvq_decoded_st" + st + "_nq" + nq), rvq.decode(codes, st), 1e-6,
                    "decode st " + st);
        }
    }

    @Test
    void quantizedPerLayerIsTheCodeVector() {
        try (NDManager m = PyTorchBackend.newManager(ai.djl.Device.cpu())) {
            ResidualVectorQuantizer rvq = rvq(m);
            ResidualVectorQuantizer.Quantized q = rvq.quantize(Ref.nd(m, "rvq_latent"), 0, 4);
            NDArray codes = Ref.ndLong(m, "rvq_codes_st0_nq4");
            for (int i = 0; i < 4; i++) {
                NDArray one = codes.get(i).expandDims(0);
                assertArrayEquals(rvq.decode(one, i).toFloatArray(), q.quantized().get(i).toFloatArray(),
                        "layer " + i);
            }
        }
    }

    @Test
    void rejectsBadRange() {
        try (NDManager m = PyTorchBackend.newManager(ai.djl.Device.cpu())) {
            ResidualVectorQuantizer rvq = rvq(m);
            NDArray latent = Ref.nd(m, "rvq_latent");
            assertThrows(IllegalArgumentException.class, () -> rvq.encode(latent, 2, 2));
            assertThrows(IllegalArgumentException.class, () -> rvq.encode(latent, 0, 5));
        }
    }
}
