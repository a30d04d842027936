package io.voxtok.plugin.slmtokbench.alignment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.voxtok.api.ErrorKind;
import io.voxtok.api.VoxtokException;
import io.voxtok.modelio.SafetensorsWriter;
import io.voxtok.modelio.Tensor;
import io.voxtok.training.optim.AdamState;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A saved probe epoch read back to resume is checked like model weights: NaN or infinite weights or Adam moments, and
 * weights that are not floating point, are refused naming the file and the key, instead of resuming a probe whose
 * every later update is NaN.
 */
class ProbeCheckpointValuesTest {
    @TempDir
    Path dir;
    private ProbeCheckpoints checkpoints;
    private Path epoch;

    @BeforeEach
    void saveOneEpoch() {
        checkpoints = new ProbeCheckpoints(dir);
        AdamState adam = new AdamState(Map.of("w", Tensor.ofFloats(new float[] {0.1f, 0.2f}, 2)),
                Map.of("w", Tensor.ofFloats(new float[] {0.01f, 0.02f}, 2)), Map.of("w", 3L));
        checkpoints.save(1, Map.of("w", new float[] {1, 2}), Map.of("w", new long[] {2}), null, 1, 0.5,
                List.of(new EpochLosses(1, 1.0, 0.5, 2.0)), adam);
        epoch = dir.resolve("epoch-0001");
    }

    private VoxtokException refusal() {
        VoxtokException e = assertThrows(VoxtokException.class, checkpoints::latest);
        assertEquals(ErrorKind.USER_INPUT, e.kind());
        return e;
    }

    @Test
    void aSavedEpochReadsBack() {
        assertArrayEquals(new float[] {1, 2}, checkpoints.latest().orElseThrow().params().get("w"));
    }

    @Test
    void aNanWeightIsRefusedNamingFileAndKey() {
        SafetensorsWriter.write(epoch.resolve("params.safetensors"), Map.of("w", Tensor.ofFloats(new float[] {1,
                Float.NaN}, 2)));
        String m = refusal().getMessage();
        assertTrue(m.contains(epoch.resolve("params.safetensors") + ": key 'w' holds NaN at element 1"), m);
    }

    @Test
    void anInfiniteAdamMomentIsRefusedNamingFileAndKey() {
        SafetensorsWriter.write(epoch.resolve("adam.safetensors"), Map.of(
                "w.exp_avg", Tensor.ofFloats(new float[] {0.1f, 0.2f}, 2),
                "w.exp_avg_sq", Tensor.ofFloats(new float[] {Float.POSITIVE_INFINITY, 0.02f}, 2),
                "w.step", Tensor.ofLongs(new long[] {3}, 1)));
        String m = refusal().getMessage();
        assertTrue(m.contains(epoch.resolve("adam.safetensors") + ": key 'w.exp_avg_sq' holds Infinity at element 0"),
                m);
    }

    @Test
    void integerWeightsAreRefusedNamingFileAndKey() {
        SafetensorsWriter.write(epoch.resolve("params.safetensors"), Map.of("w", Tensor.ofLongs(new long[] {1, 2}, 2)));
        String m = refusal().getMessage();
        assertTrue(m.contains(epoch.resolve("params.safetensors") + ": key 'w' has dtype INT64"), m);
    }
}
