package io.voxtok.plugin.phoneteacher.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.voxtok.nn.backend.PyTorchBackend;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PhoneTeacherNetworkTest {
    static PhoneTeacherConfig defaults(int phones) {
        List<String> p = new ArrayList<>();
        for (int i = 0; i < phones; i++) {
            p.add(String.format("p%02d", i));
        }
        return new PhoneTeacherConfig(16_000, 320, 512, 400, 80, 256, 5, 3, 2, p);
    }

    static float[] noise(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (0.1 * (r.nextDouble() * 2 - 1));
        }
        return x;
    }

    @Test
    void frameCountIsFloorOfLengthOverHop() {
        PhoneTeacherConfig cfg = defaults(40);
        try (NDManager m = PyTorchBackend.newManager(Device.cpu())) {
            PhoneTeacherNetwork net = PhoneTeacherNetwork.initialized(cfg, m, 1);
            for (int len : new int[] {320, 321, 639, 640, 959, 16_000, 32_017}) {
                try (NDManager call = m.newSubManager()) {
                    NetworkOutput out = net.run(call.create(noise(len, len), new Shape(1, 1, len)), false);
                    assertEquals(len / 320, out.logits().getShape().get(1), "frames for " + len + " samples");
                    assertEquals(new Shape(1, 256, len / 320), out.hidden().get(2).getShape());
                }
            }
        }
    }

    @Test
    void staysUnderOneMillionParameters() {
        try (NDManager m = PyTorchBackend.newManager(Device.cpu())) {
            long n = PhoneTeacherNetwork.initialized(defaults(45), m, 1).parameterCount();
            assertTrue(n < 1_000_000, n + " parameters");
        }
    }

    @Test
    void stateDictRoundTripGivesIdenticalOutputs(@TempDir Path dir) {
        PhoneTeacherConfig cfg = defaults(12);
        float[] wave = noise(8000, 3);
        try (NDManager m = PyTorchBackend.newManager(Device.cpu())) {
            PhoneTeacherNetwork a = PhoneTeacherNetwork.initialized(cfg, m.newSubManager(), 5);
            PhoneTeacherModelDirectory.write(dir, cfg, a.stateDict());
            PhoneTeacherModelDirectory opened = PhoneTeacherModelDirectory.open(dir);
            assertEquals(cfg, opened.config());
            PhoneTeacherNetwork b = opened.load(m.newSubManager());
            NDArray x = m.create(wave, new Shape(1, 1, wave.length));
            NetworkOutput oa = a.run(x, false);
            NetworkOutput ob = b.run(x, false);
            assertArrayEquals(oa.logits().toFloatArray(), ob.logits().toFloatArray());
            for (int i = 0; i < 3; i++) {
                assertArrayEquals(oa.hidden().get(i).toFloatArray(), ob.hidden().get(i).toFloatArray());
            }
        }
    }
}
