package io.voxtok.modelio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TorchZipWriter output read back by the safe reader, its zip layout, and what it refuses. */
class TorchZipWriterTest {
    @TempDir
    Path dir;

    /** Every dtype at ranks 0 to 4, plus empty tensors, in a chosen (non-alphabetical) key order. */
    static Map<String, Tensor> allDtypesAndRanks() {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        long[][] shapes = {{}, {5}, {2, 3}, {2, 3, 4}, {2, 1, 3, 2}};
        for (DType dtype : DType.values()) {
            for (long[] shape : shapes) {
                tensors.put("t." + dtype.name().toLowerCase() + ".rank" + shape.length, TensorPatterns.of(dtype, shape));
            }
        }
        tensors.put("empty.1d", TensorPatterns.of(DType.FLOAT32, 0));
        tensors.put("empty.3d", TensorPatterns.of(DType.INT64, 2, 0, 3));
        tensors.put("a.first.alphabetically", TensorPatterns.of(DType.FLOAT16, 3));
        return tensors;
    }

    private static void assertSameTensors(Map<String, Tensor> expected, StateDict actual) {
        assertEquals(new ArrayList<>(expected.keySet()), new ArrayList<>(actual.keys()), "keys in order");
        for (Map.Entry<String, Tensor> e : expected.entrySet()) {
            Tensor a = actual.get(e.getKey());
            assertEquals(e.getValue().dtype(), a.dtype(), e.getKey());
            assertArrayEquals(e.getValue().shape(), a.shape(), e.getKey());
            assertArrayEquals(TensorPatterns.bytes(e.getValue()), TensorPatterns.bytes(a), e.getKey());
        }
    }

    @Test
    void stateDictRoundTripsEveryDtypeAndRank() {
        Map<String, Tensor> tensors = allDtypesAndRanks();
        Path file = dir.resolve("model.pt");
        TorchZipWriter.write(file, tensors);
        assertSameTensors(tensors, StateDict.read(file));
        // The StateDict overload writes the same thing.
        Path again = dir.resolve("again.pt");
        TorchZipWriter.write(again, StateDict.read(file));
        assertSameTensors(tensors, StateDict.read(again));
    }

    @Test
    void rootIsAnOrderedDictOfRebuiltTensorsWithRowMajorStrides() throws IOException {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        tensors.put("w", TensorPatterns.of(DType.FLOAT32, 2, 3));
        tensors.put("e", TensorPatterns.of(DType.FLOAT32, 2, 0, 3));
        Path file = dir.resolve("m.pt");
        TorchZipWriter.write(file, tensors);
        byte[] pickle = record(file, "m/data.pkl");
        List<List<Object>> persistentIds = new ArrayList<>();
        Map<?, ?> root = (Map<?, ?>) new PickleReader(pickle, file, "data.pkl", pid -> {
            persistentIds.add(pid);
            return new TorchStorageRef(DType.FLOAT32, (String) pid.get(2), (String) pid.get(3), (Long) pid.get(4));
        }).load();
        assertEquals(List.of("w", "e"), new ArrayList<>(root.keySet()));
        assertEquals(List.of("storage", new PickleGlobal("torch", "FloatStorage"), "0", "cpu", 6L),
                persistentIds.get(0));
        assertEquals(List.of("storage", new PickleGlobal("torch", "FloatStorage"), "1", "cpu", 0L),
                persistentIds.get(1));
        TorchTensorRef w = (TorchTensorRef) root.get("w");
        assertEquals(0, w.offset());
        assertArrayEquals(new long[] {2, 3}, w.size());
        assertArrayEquals(new long[] {3, 1}, w.stride());
        // Same rule as torch: size-0 dimensions count as 1 in the strides of the dimensions before them.
        assertArrayEquals(new long[] {3, 3, 1}, ((TorchTensorRef) root.get("e")).stride());
        assertArrayEquals(new long[] {}, TorchZipWriter.contiguousStrides(new long[] {}));
    }

    /** The writer names only globals the reader interprets, and uses only opcodes the reader accepts. */
    @Test
    void emitsOnlyGlobalsAndOpcodesTheSafeReaderAccepts() throws IOException {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("model", StateDict.of(allDtypesAndRanks(), null));
        root.put("misc", nestedScalars());
        Path file = dir.resolve("all.pt");
        TorchZipWriter.writeObject(file, root);
        PickleOpcodeScanner scan = new PickleOpcodeScanner(record(file, "all/data.pkl"));
        Set<String> allowed = new HashSet<>(Set.of("collections.OrderedDict", "torch._utils._rebuild_tensor_v2"));
        for (String storage : TorchZipWriter.STORAGE_TYPES.values()) {
            allowed.add("torch." + storage);
        }
        for (String global : scan.globals) {
            assertTrue(allowed.contains(global), "unexpected global " + global);
            String[] parts = global.split("\\.(?=[^.]+$)");
            PickleGlobalPolicy.check(new PickleGlobal(parts[0], parts[1]), file); // does not throw
        }
        assertEquals(allowed, new HashSet<>(scan.globals), "every storage type was used once");
        assertEquals(scan.globals.size(), new HashSet<>(scan.globals).size(), "globals are memoised");
        // 0x80 PROTO 2 only; no opcode of protocol 3 or later, so Python 2-era readers and torch 1.x accept it.
        for (int op : scan.opcodes) {
            assertTrue(op < 0x8c, String.format("opcode 0x%02x is newer than protocol 2", op));
        }
        assertEquals(2, record(file, "all/data.pkl")[1]);
    }

    /** Each storage class the writer names maps back to the same dtype in the reader. */
    @Test
    void storageClassesAreTheReadersInverse() {
        assertEquals(DType.values().length, TorchZipWriter.STORAGE_TYPES.size());
        for (DType dtype : DType.values()) {
            assertEquals(dtype, TorchZipReader.STORAGE_TYPES.get("torch." + TorchZipWriter.STORAGE_TYPES.get(dtype)),
                    dtype.name());
        }
    }

    static Map<String, Object> nestedScalars() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("int", 3);
        m.put("long", 1234L);
        m.put("short", (short) -7);
        m.put("byte", (byte) 5);
        m.put("min", Long.MIN_VALUE);
        m.put("big", BigInteger.TWO.pow(70));
        m.put("double", 0.1);
        m.put("float", 0.5f);
        m.put("nan", Double.NaN);
        m.put("inf", Double.NEGATIVE_INFINITY);
        m.put("str", "voxtok ünï 😀");
        m.put("true", true);
        m.put("false", false);
        m.put("none", null);
        m.put("list", new ArrayList<>(List.of(1L, "two", 3.0, List.of(), Map.of())));
        m.put("empty_dict", Map.of());
        Map<Object, Object> keys = new LinkedHashMap<>();
        keys.put(0L, "zero");
        keys.put(7, "seven");
        keys.put(2.5, "two and a half");
        keys.put(true, "yes");
        keys.put(null, "none");
        m.put("keys", keys);
        return m;
    }

    /** What the reader gives back for a value the writer was given: Java numbers widened to Long and Double. */
    private static Object asRead(Object v) {
        if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        if (v instanceof Float f) {
            return f.doubleValue();
        }
        if (v instanceof Map<?, ?> map) {
            Map<Object, Object> out = new LinkedHashMap<>();
            map.forEach((k, val) -> out.put(asRead(k), asRead(val)));
            return out;
        }
        if (v instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            list.forEach(x -> out.add(asRead(x)));
            return out;
        }
        return v;
    }

    /** A trainer's checkpoint: model state dict, Adam-like optimizer state, step, scalars, a tied tensor. */
    static Map<String, Object> trainerCheckpoint() {
        Map<String, Tensor> model = new LinkedHashMap<>();
        model.put("proj.weight", TensorPatterns.of(DType.FLOAT32, 2, 3));
        model.put("proj.bias", TensorPatterns.of(DType.FLOAT32, 2));
        model.put("norm.num_batches_tracked", TensorPatterns.of(DType.INT64));
        Tensor expAvg = TensorPatterns.of(DType.FLOAT32, 2, 3);
        Map<Object, Object> paramState = new LinkedHashMap<>();
        paramState.put("step", TensorPatterns.of(DType.FLOAT32));
        paramState.put("exp_avg", expAvg);
        Map<Object, Object> state = new LinkedHashMap<>();
        state.put(0L, paramState);
        Map<String, Object> group = new LinkedHashMap<>();
        group.put("lr", 1e-3);
        group.put("betas", List.of(0.9, 0.999));
        group.put("params", List.of(0L, 1L, 2L));
        Map<String, Object> optimizer = new LinkedHashMap<>();
        optimizer.put("state", state);
        optimizer.put("param_groups", List.of(group));
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("model", StateDict.of(model, null));
        root.put("optimizer", optimizer);
        root.put("step", 1200L);
        root.put("scalars", nestedScalars());
        root.put("tied", expAvg);
        return root;
    }

    @Test
    void nestedTrainerStateRoundTrips() {
        Map<String, Object> root = trainerCheckpoint();
        StateDict model = (StateDict) root.get("model");
        Path file = dir.resolve("trainer.ckpt");
        TorchZipWriter.writeObject(file, root);

        StateDict flat = StateDict.read(file);
        assertEquals(List.of("model.proj.weight", "model.proj.bias", "model.norm.num_batches_tracked",
                "optimizer.state.0.step", "optimizer.state.0.exp_avg", "tied"), new ArrayList<>(flat.keys()));
        Map<String, Tensor> modelTensors = new LinkedHashMap<>();
        model.keys().forEach(k -> modelTensors.put(k, model.get(k)));
        assertSameTensors(modelTensors, flat.subDict("model."));
        assertSame(flat.get("tied"), flat.get("optimizer.state.0.exp_avg"));

        Map<?, ?> back = (Map<?, ?>) TorchZipReader.readObject(file);
        assertEquals(List.of("model", "optimizer", "step", "scalars", "tied"), new ArrayList<>(back.keySet()));
        assertEquals(1200L, back.get("step"));
        Map<?, ?> scalars = (Map<?, ?>) back.get("scalars");
        Map<?, ?> expected = (Map<?, ?>) asRead(nestedScalars());
        assertEquals(new ArrayList<>(expected.keySet()), new ArrayList<>(scalars.keySet()));
        for (Map.Entry<?, ?> e : expected.entrySet()) {
            if (!"nan".equals(e.getKey())) {
                assertEquals(e.getValue(), scalars.get(e.getKey()), String.valueOf(e.getKey()));
            }
        }
        assertTrue(Double.isNaN((Double) scalars.get("nan")));
        Map<?, ?> opt = (Map<?, ?>) back.get("optimizer");
        Map<?, ?> group0 = (Map<?, ?>) ((List<?>) opt.get("param_groups")).get(0);
        assertEquals(1e-3, group0.get("lr"));
        assertEquals(List.of(0.9, 0.999), group0.get("betas"));
        assertEquals(List.of(0L, 1L, 2L), group0.get("params"));
        Tensor readExpAvg = (Tensor) ((Map<?, ?>) ((Map<?, ?>) opt.get("state")).get(0L)).get("exp_avg");
        assertArrayEquals(TensorPatterns.bytes((Tensor) root.get("tied")), TensorPatterns.bytes(readExpAvg));
        assertSame(readExpAvg, back.get("tied"));
        Map<?, ?> readModel = (Map<?, ?>) back.get("model");
        assertEquals(new ArrayList<>(model.keys()), new ArrayList<>(readModel.keySet()));
        assertEquals(0, ((Tensor) readModel.get("norm.num_batches_tracked")).shape().length);
    }

    /** One Tensor object under two names (tied weights) is pickled once, with one storage record, like torch. */
    @Test
    void tiedTensorsShareOneStorage() throws IOException {
        Tensor shared = TensorPatterns.of(DType.FLOAT32, 4, 2);
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        tensors.put("embed.weight", shared);
        tensors.put("other", TensorPatterns.of(DType.INT32, 3));
        tensors.put("head.weight", shared);
        Path file = dir.resolve("tied.pt");
        TorchZipWriter.write(file, tensors);
        assertEquals(List.of("tied/data.pkl", "tied/byteorder", "tied/data/0", "tied/data/1", "tied/version"),
                entryNames(file));
        StateDict sd = StateDict.read(file);
        assertSameTensors(tensors, sd);
        assertSame(sd.get("embed.weight"), sd.get("head.weight"));
    }

    @Test
    void zipLayoutMatchesTorchSave() throws IOException {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        for (int i = 0; i < 12; i++) {
            tensors.put("p" + i, TensorPatterns.of(DType.FLOAT16, i % 4 + 1, 3));
        }
        Path file = dir.resolve("layout.pth");
        TorchZipWriter.write(file, tensors);
        List<String> names = entryNames(file);
        // torch.save: data.pkl first, storages in the string order of their keys, version last.
        List<String> expected = new ArrayList<>(List.of("layout/data.pkl", "layout/byteorder"));
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            keys.add(Integer.toString(i));
        }
        Collections.sort(keys);
        keys.forEach(k -> expected.add("layout/data/" + k));
        expected.add("layout/version");
        assertEquals(expected, names);
        assertEquals("3\n", new String(record(file, "layout/version"), StandardCharsets.US_ASCII));
        assertEquals("little", new String(record(file, "layout/byteorder"), StandardCharsets.US_ASCII));
        try (ZipFile zip = new ZipFile(file.toFile())) {
            for (ZipEntry e : Collections.list(zip.entries())) {
                assertEquals(ZipEntry.STORED, e.getMethod(), e.getName());
            }
        }
        assertDataAligned(file, expected.size());
    }

    /** Every local header's data starts at a multiple of 64, so torch can map storages in place. */
    private static void assertDataAligned(Path file, int records) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        int pos = 0;
        for (int i = 0; i < records; i++) {
            assertEquals(0x04034b50, b.getInt(pos), "local header " + i);
            int size = b.getInt(pos + 18);
            int nameLen = b.getShort(pos + 26) & 0xffff;
            int extraLen = b.getShort(pos + 28) & 0xffff;
            assertEquals('F', b.get(pos + 30 + nameLen));
            assertEquals('B', b.get(pos + 31 + nameLen));
            int data = pos + 30 + nameLen + extraLen;
            assertEquals(0, data % AlignedZipWriter.ALIGNMENT, "data of record " + i + " at " + data);
            pos = data + size;
        }
        assertEquals(0x02014b50, b.getInt(pos), "central directory follows the last record");
    }

    @Test
    void archiveFolderIsTheFileStem() {
        assertEquals("model", TorchZipWriter.archiveName(Path.of("/x/model.pt")));
        assertEquals("model.v2", TorchZipWriter.archiveName(Path.of("model.v2.pth")));
        assertEquals("weights", TorchZipWriter.archiveName(Path.of("weights")));
        assertEquals("archive", TorchZipWriter.archiveName(Path.of(".pt")));
        assertEquals("archive", TorchZipWriter.archiveName(Path.of("my model.pt")));
        assertEquals("archive", TorchZipWriter.archiveName(Path.of("modèle.pt")));
        TorchZipWriter.write(dir.resolve("with space.pt"), Map.of("w", TensorPatterns.of(DType.FLOAT32, 2)));
        assertEquals(1, StateDict.read(dir.resolve("with space.pt")).size());
    }

    /** The zip64 layout (offsets and end records past 4 GiB) forced on a small file reads back the same. */
    @Test
    void zip64LayoutReadsBack() throws IOException {
        Map<String, Tensor> tensors = allDtypesAndRanks();
        Path file = dir.resolve("zip64.pt");
        TorchZipWriter.write(file, StateDict.of(tensors, null), TorchZipWriter.Zip64.ALWAYS);
        byte[] bytes = Files.readAllBytes(file);
        int end = bytes.length - 22;
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(0x06054b50, b.getInt(end));
        assertEquals(-1, b.getInt(end + 16), "EOCD points to the zip64 record");
        assertEquals(0x07064b50, b.getInt(end - 20), "zip64 locator");
        assertSameTensors(tensors, StateDict.read(file));
        assertDataAligned(file, tensors.size() + 3);
    }

    @Test
    void manyTensorsUseLongMemoSlotsAndBatches() {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        for (int i = 0; i < 1500; i++) {
            tensors.put("layer" + i + ".w", TensorPatterns.of(i % 2 == 0 ? DType.FLOAT32 : DType.INT64, i % 3));
        }
        Path file = dir.resolve("many.pt");
        TorchZipWriter.write(file, tensors);
        assertSameTensors(tensors, StateDict.read(file));
    }

    /** A torch.save file read back exactly, and written again from Java: the same tensors come back. */
    @Test
    void torchSavedFixtureReadsAndRewritesIdentically() throws IOException {
        Map<String, Object> expected = TestFiles.json("torch_module_expected.json");
        StateDict original = StateDict.read(TestFiles.resource("torch_module.pt"));
        assertEquals(new ArrayList<>(expected.keySet()), new ArrayList<>(original.keys()));
        for (Map.Entry<String, Object> e : expected.entrySet()) {
            TestFiles.assertTensor((Map<?, ?>) e.getValue(), original.get(e.getKey()), e.getKey());
        }
        Path rewritten = dir.resolve("torch_module.pt");
        TorchZipWriter.write(rewritten, original);
        StateDict back = StateDict.read(rewritten);
        Map<String, Tensor> originalTensors = new LinkedHashMap<>();
        original.keys().forEach(k -> originalTensors.put(k, original.get(k)));
        assertSameTensors(originalTensors, back);
    }

    @Test
    void unsupportedValuesAreRefusedBeforeTheFileIsTouched() throws IOException {
        Path file = dir.resolve("keep.pt");
        Files.writeString(file, "previous content");
        Map<String, Object> set = Map.of("opt", Map.of("tags", new HashSet<>(List.of("a"))));
        assertRefused(file, set, "'opt.tags'", "java.util.HashSet");
        assertRefused(file, Map.of("arr", new float[] {1f}), "'arr'", "[F");
        Map<String, Object> cyclic = new HashMap<>();
        cyclic.put("self", cyclic);
        assertRefused(file, cyclic, "'self'", "contains itself");
        Map<String, Object> deep = new HashMap<>();
        Map<String, Object> at = deep;
        for (int i = 0; i < TorchZipReader.MAX_DEPTH + 1; i++) {
            Map<String, Object> next = new HashMap<>();
            at.put("d", next);
            at = next;
        }
        assertRefused(file, deep, "nested more than 200", "'d.d.d");
        Map<String, Object> colliding = new LinkedHashMap<>();
        colliding.put("a.b", TensorPatterns.of(DType.FLOAT32, 1));
        colliding.put("a", Map.of("b", TensorPatterns.of(DType.FLOAT32, 1)));
        assertRefused(file, colliding, "'a.b'", "two tensors");
        Map<Object, Object> sameInPython = new LinkedHashMap<>();
        sameInPython.put(1L, "one");
        sameInPython.put(true, "true");
        assertRefused(file, Map.of("k", sameInPython), "same key in Python", "'k'");
        Map<Object, Object> floatKey = new LinkedHashMap<>();
        floatKey.put(2, "int");
        floatKey.put(2.0f, "float");
        assertRefused(file, floatKey, "same key in Python", "<top level>");
        assertRefused(file, Map.of(List.of(1), "x"), "key of type", "<top level>");
        assertRefused(file, Map.of("s", "bad \udc00"), "'s'", "surrogate");
        assertRefused(file, List.of(1), "top-level object", "Map or a StateDict");
        assertRefused(file, TensorPatterns.of(DType.FLOAT32, 2), "top-level object", "Tensor");
        Map<String, Tensor> nullTensor = new HashMap<>();
        nullTensor.put("w", null);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TorchZipWriter.write(file, nullTensor));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        assertEquals("previous content", Files.readString(file));
        try (var files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList(), "no temporary files left");
        }
    }

    private static void assertRefused(Path file, Object root, String... fragments) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TorchZipWriter.writeObject(file, root));
        assertTrue(e.getMessage().startsWith("cannot write " + file), e.getMessage());
        for (String f : fragments) {
            assertTrue(e.getMessage().contains(f), "'" + f + "' missing in: " + e.getMessage());
        }
    }

    @Test
    void writingIsAtomicAndReplacesOldFiles() {
        Path file = dir.resolve("sub/dir/model.pt");
        TorchZipWriter.write(file, Map.of("a", TensorPatterns.of(DType.FLOAT32, 3)));
        TorchZipWriter.write(file, Map.of("b", TensorPatterns.of(DType.INT64, 2)));
        StateDict sd = StateDict.read(file);
        assertEquals(Set.of("b"), sd.keys());
        assertFalse(Files.exists(file.resolveSibling("model.pt.tmp")));
    }

    static byte[] record(Path file, String name) throws IOException {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            ZipEntry e = zip.getEntry(name);
            assertNotNull(e, name + " in " + entryNames(file));
            return zip.getInputStream(e).readAllBytes();
        }
    }

    static List<String> entryNames(Path file) throws IOException {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            return Collections.list(zip.entries()).stream().map(ZipEntry::getName).toList();
        }
    }
}
