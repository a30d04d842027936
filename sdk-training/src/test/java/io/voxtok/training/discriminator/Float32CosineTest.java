package io.voxtok.training.discriminator;

import io.voxtok.modelio.NpyFile;
import io.voxtok.modelio.Tensor;
import org.junit.jupiter.api.Test;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Objects;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * {@link Float32Cosine} against SLEEF's {@code cosf} u10 with FMA ({@code reference/float32_cosine.npy}, written by
 * {@code src/test/python/gen_float32_cosine.py}): identical bits. The torch.hann_window values of the training
 * fixture are checked bit for bit in {@link ClosedFormWeightsTest}.
 */
class Float32CosineTest {
    @Test
    void matchesSleefBitForBit() throws URISyntaxException {
        Tensor t = NpyFile.read(Path.of(Objects.requireNonNull(
                getClass().getResource("/reference/float32_cosine.npy")).toURI()));
        float[] v = t.toFloatArray();
        int n = (int) t.shape()[1];
        for (int i = 0; i < n; i++) {
            float x = v[i];
            assertEquals(Float.floatToIntBits(v[n + i]), Float.floatToIntBits(Float32Cosine.cos(x)), "cos(" + x + ")");
        }
    }

    @Test
    void refusesArgumentsOutsideTheReducedRange() {
        assertThrows(IllegalArgumentException.class, () -> Float32Cosine.cos(125f));
        assertThrows(IllegalArgumentException.class, () -> Float32Cosine.cos(Float.NaN));
    }
}
