package io.voxtok.modelio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.voxtok.api.VoxtokException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Safetensors files written by hand in Python from the format specification, round trips and bad headers. */
class SafetensorsTest {
    @TempDir
    Path dir;

    @Test
    void readsHandWrittenFile() throws IOException {
        Map<String, Object> expected = TestFiles.json("hand_safetensors_expected.json");
        StateDict sd = StateDict.read(TestFiles.resource("hand.safetensors"));
        assertEquals(new ArrayList<>(expected.keySet()), new ArrayList<>(sd.keys()), "header order, no metadata");
        for (Map.Entry<String, Object> e : expected.entrySet()) {
            TestFiles.assertTensor((Map<?, ?>) e.getValue(), sd.get(e.getKey()), e.getKey());
        }
    }

    @Test
    void roundTripsThroughWriter() throws IOException {
        Map<String, Object> expected = TestFiles.json("hand_safetensors_expected.json");
        StateDict original = StateDict.read(TestFiles.resource("hand.safetensors"));
        Path out = dir.resolve("copy.safetensors");
        SafetensorsWriter.write(out, original);
        StateDict copy = StateDict.read(out);
        assertEquals(new ArrayList<>(original.keys()), new ArrayList<>(copy.keys()));
        for (Map.Entry<String, Object> e : expected.entrySet()) {
            TestFiles.assertTensor((Map<?, ?>) e.getValue(), copy.get(e.getKey()), e.getKey());
        }
        long headerLen = ByteBuffer.wrap(Files.readAllBytes(out), 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        assertEquals(0, (8 + headerLen) % 8, "data is 8-byte aligned");
        assertEquals(List.of(out), listDir(), "no temporary file left behind");
    }

    /** A torch checkpoint converted to safetensors keeps every tensor bit for bit. */
    @Test
    void convertsTorchCheckpoint() {
        StateDict pt = StateDict.read(TestFiles.resource("views.pt"));
        Path out = dir.resolve("views.safetensors");
        SafetensorsWriter.write(out, pt);
        StateDict st = StateDict.read(out);
        assertEquals(new ArrayList<>(pt.keys()), new ArrayList<>(st.keys()));
        for (String k : pt.keys()) {
            assertEquals(pt.get(k).dtype(), st.get(k).dtype(), k);
            assertArrayEquals(pt.get(k).shape(), st.get(k).shape(), k);
            assertEquals(pt.get(k).data(), st.get(k).data(), k);
        }
    }

    @Test
    void writesMetadataThatIsIgnoredOnRead() throws IOException {
        Path out = dir.resolve("meta.safetensors");
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        tensors.put("quote\"d", Tensor.ofFloats(new float[] {1, 2}, 2));
        SafetensorsWriter.write(out, tensors, Map.of("format", "pt", "why", "line\nbreak"));
        String header = new String(Files.readAllBytes(out), StandardCharsets.UTF_8);
        assertTrue(header.contains("\"__metadata__\":{"), header);
        StateDict sd = StateDict.read(out);
        assertEquals(List.of("quote\"d"), new ArrayList<>(sd.keys()));
        assertArrayEquals(new float[] {1, 2}, sd.get("quote\"d").toFloatArray());
    }

    @Test
    void writeFailureLeavesNothingBehind() throws IOException {
        Path target = Files.createDirectories(dir.resolve("occupied"));
        Files.writeString(target.resolve("keep"), "x");
        assertThrows(VoxtokException.class,
                () -> SafetensorsWriter.write(target, Map.of("a", Tensor.ofFloats(new float[] {1}, 1))));
        assertEquals(List.of(target), listDir());
    }

    @Test
    void malformedHeadersAreReportedWithFileAndTensor() throws IOException {
        String good = "{\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}";
        assertBad(file(good, 8), "w", "ok");
        assertBad(file("{\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}", 8), null, "JSON");
        assertBad(file(good, 4), "w", "outside");
        assertBad(file("{\"w\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,8]}}", 8), "w", "needs 12");
        assertBad(file("{\"w\":{\"dtype\":\"F8_E4M3\",\"shape\":[2],\"data_offsets\":[0,2]}}", 8), "w",
                "F8_E4M3");
        assertBad(file("{\"w\":{\"dtype\":\"F32\",\"shape\":[2]}}", 8), "w", "data_offsets");
        assertBad(file("{\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[8,0]}}", 8), "w", "outside");
        assertBad(file("[1, 2]", 0), null, "not a JSON object");
        Path liar = dir.resolve("liar.safetensors");
        Files.write(liar, ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(1000).array());
        assertBad(liar, null, "header length");
    }

    private void assertBad(Path file, String tensor, String problem) {
        if (problem.equals("ok")) {
            assertEquals(1, SafetensorsReader.read(file).size());
            return;
        }
        VoxtokException e = assertThrows(VoxtokException.class, () -> SafetensorsReader.read(file));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains(problem), e.getMessage());
        if (tensor != null) {
            assertTrue(e.getMessage().contains("'" + tensor + "'"), e.getMessage());
        }
    }

    private Path file(String header, int dataBytes) throws IOException {
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + h.length + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(h.length).put(h);
        return Files.write(Files.createTempFile(dir, "st", ".safetensors"), b.array());
    }

    private List<Path> listDir() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.toList();
        }
    }
}
