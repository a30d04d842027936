package io.voxtok.modelio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.voxtok.api.ErrorKind;
import io.voxtok.api.VoxtokException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Reads PyTorch zip checkpoints and compares them with what torch.load (PyTorch 1.13) sees in the same files. */
class StateDictTorchTest {

    /**
     * Every tensor of the shared parity fixtures: names in file order, dtypes, shapes, first/last values exactly and
     * the float64 sum of all values (the only inexactness is summation order), plus the file's SHA-256 from hashlib.
     */
    @ParameterizedTest
    @ValueSource(strings = {"speechtokenizer", "encodec", "hubert"})
    void sharedFixtureMatchesTorchLoad(String model) throws IOException {
        Path file = TestFiles.shared("fixtures/parity/" + model + "/model.pt");
        Map<String, Object> listing = TestFiles.json(model + "_listing.json");
        StateDict sd = StateDict.read(file);
        List<?> tensors = (List<?>) listing.get("tensors");
        assertEquals(listing.get("count"), (long) sd.size());
        assertEquals(tensors.size(), sd.size());
        List<String> keys = new ArrayList<>(sd.keys());
        for (int i = 0; i < tensors.size(); i++) {
            Map<?, ?> e = (Map<?, ?>) tensors.get(i);
            String key = (String) e.get("key");
            assertEquals(key, keys.get(i), "key order at " + i);
            Tensor t = sd.get(key);
            assertEquals(e.get("dtype"), t.dtype().name(), key);
            org.junit.jupiter.api.Assertions.assertArrayEquals(TestFiles.shape(e.get("shape")), t.shape(), key);
            float[] v = t.toFloatArray();
            if (v.length == 0) {
                continue;
            }
            assertEquals(((Number) e.get("first")).doubleValue(), v[0], key + " first");
            assertEquals(((Number) e.get("last")).doubleValue(), v[v.length - 1], key + " last");
            double sum = 0;
            for (float x : v) {
                sum += x;
            }
            double absSum = ((Number) e.get("abs_sum")).doubleValue();
            assertEquals(((Number) e.get("sum")).doubleValue(), sum, 1e-12 * absSum + 1e-30, key + " sum");
        }
        assertEquals(listing.get("sha256"), sd.sha256());
    }

    @Test
    void speechTokenizerHas166Tensors() {
        StateDict sd = StateDict.read(TestFiles.shared("fixtures/parity/speechtokenizer/model.pt"));
        assertEquals(166, sd.size());
        assertEquals(sd.source(), TestFiles.shared("fixtures/parity/speechtokenizer/model.pt"));
    }

    /** {"model": state_dict, "args": Namespace, "optimizer": Adam state, ...}: every tensor outside the Namespace. */
    @Test
    void nestedCheckpointIsFlattenedAndNamespaceSkipped() throws IOException {
        Map<String, Object> expected = TestFiles.json("nested_expected.json");
        StateDict sd = StateDict.read(TestFiles.resource("nested.pt"));
        assertEquals(new ArrayList<>(expected.keySet()), new ArrayList<>(sd.keys()));
        for (Map.Entry<String, Object> e : expected.entrySet()) {
            TestFiles.assertTensor((Map<?, ?>) e.getValue(), sd.get(e.getKey()), e.getKey());
        }
        assertTrue(sd.keys().stream().noneMatch(k -> k.startsWith("args")), "Namespace contents must be skipped");
        StateDict model = sd.subDict("model.");
        assertEquals(List.of("0.weight", "0.bias", "1.weight", "1.bias", "1.running_mean", "1.running_var",
                "1.num_batches_tracked"), new ArrayList<>(model.keys()));
        model.require("0.weight", 2, 3);
        assertEquals(DType.INT64, model.get("1.num_batches_tracked").dtype());
        assertSame(sd.get("model.0.bias"), model.get("0.bias"));
        assertTrue(sd.contains("optimizer.state.0.exp_avg"));
        assertTrue(sd.contains("extra.1.0"), "tensor inside a tuple inside a list");
    }

    /** Transposed, sliced, strided, expanded and permuted views and all storage dtypes, against torch's values. */
    @Test
    void viewsAndDtypesMaterialiseLikeTorchContiguous() throws IOException {
        Map<String, Object> expected = TestFiles.json("views_expected.json");
        StateDict sd = StateDict.read(TestFiles.resource("views.pt"));
        assertEquals(new ArrayList<>(expected.keySet()), new ArrayList<>(sd.keys()));
        for (Map.Entry<String, Object> e : expected.entrySet()) {
            TestFiles.assertTensor((Map<?, ?>) e.getValue(), sd.get(e.getKey()), e.getKey());
        }
        assertEquals(0, sd.get("scalar").shape().length);
    }

    /** A zip with a "big" byteorder record (PyTorch >= 2.1 on big-endian machines) under another top folder. */
    @Test
    void bigEndianStoragesAreSwapped() throws IOException {
        Map<String, Object> expected = TestFiles.json("bigendian_expected.json");
        StateDict sd = StateDict.read(TestFiles.resource("bigendian.pt"));
        for (Map.Entry<String, Object> e : expected.entrySet()) {
            TestFiles.assertTensor((Map<?, ?>) e.getValue(), sd.get(e.getKey()), e.getKey());
        }
    }

    @Test
    void legacyFormatIsRefusedWithAdvice() {
        Path file = TestFiles.resource("legacy.pt");
        VoxtokException e = assertThrows(VoxtokException.class, () -> StateDict.read(file));
        assertEquals(ErrorKind.USER_INPUT, e.kind());
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("_use_new_zipfile_serialization=True"), e.getMessage());
    }

    @Test
    void torchScriptArchiveIsRefused() {
        Path file = TestFiles.resource("torchscript.pt");
        VoxtokException e = assertThrows(VoxtokException.class, () -> StateDict.read(file));
        assertTrue(e.getMessage().contains("TorchScript") && e.getMessage().contains(file.toString()),
                e.getMessage());
    }

    @Test
    void directoriesMissingAndUnknownFilesAreRefused(@TempDir Path dir) throws IOException {
        VoxtokException e = assertThrows(VoxtokException.class, () -> StateDict.read(dir));
        assertTrue(e.getMessage().contains("directory"), e.getMessage());
        Path missing = dir.resolve("nope.pt");
        e = assertThrows(VoxtokException.class, () -> StateDict.read(missing));
        assertTrue(e.getMessage().contains("no such file") && e.getMessage().contains(missing.toString()));
        Path text = Files.writeString(dir.resolve("model.pt"), "hello, I am not a checkpoint");
        e = assertThrows(VoxtokException.class, () -> StateDict.read(text));
        assertTrue(e.getMessage().contains("unrecognised format"), e.getMessage());
        Path truncated = dir.resolve("truncated.pt");
        byte[] full = Files.readAllBytes(TestFiles.resource("views.pt"));
        Files.write(truncated, java.util.Arrays.copyOf(full, full.length / 2));
        e = assertThrows(VoxtokException.class, () -> StateDict.read(truncated));
        assertTrue(e.getMessage().contains(truncated.toString()), e.getMessage());
        assertFalse(e.getMessage().isBlank());
    }
}
