package io.voxtok.modelio;

import io.voxtok.testkit.fuzz.MutationFuzzer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mutation fuzzing of the model-file readers (issue #16): PyTorch zip checkpoints (zip records and the pickle
 * inside), safetensors, {@code .npy} and JSON. Every case either reads or fails with a {@code USER_INPUT} error
 * naming the file, within {@link MutationFuzzer}'s time and allocation limits. CI runs 1000 cases per
 * reader; {@code -Dvoxtok.fuzz.iterations=100000} runs longer.
 */
class ModelFileFuzzTest {
    @TempDir
    Path dir;

    private static Map<String, Tensor> tensors() {
        Map<String, Tensor> t = new LinkedHashMap<>();
        t.put("encoder.conv.weight", Tensor.ofFloats(new float[] {0.5f, -1, 2, 0.25f, 3, -0.5f}, 2, 3));
        t.put("encoder.conv.bias", Tensor.ofFloats(new float[] {0.1f, 0.2f}, 2));
        t.put("quantizer.codes", Tensor.ofLongs(new long[] {1, 2, 3, 4}, 4));
        return t;
    }

    private byte[] seedFile(String name, java.util.function.Consumer<Path> writer) throws IOException {
        Path p = dir.resolve("seeds").resolve(name);
        Files.createDirectories(p.getParent());
        writer.accept(p);
        return Files.readAllBytes(p);
    }

    @Test
    void torchZipCheckpoint() throws IOException {
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("model", StateDict.of(tensors(), Path.of("x")));
        nested.put("step", 1200L);
        nested.put("optimizer", Map.of("lr", 1e-4, "betas", List.of(0.9, 0.99)));
        MutationFuzzer.of("pt", "pt", StateDict::read).defaultIterations(1000)
                .seed(seedFile("seed.pt", p -> TorchZipWriter.write(p, tensors())))
                .seed(seedFile("nested.pt", p -> TorchZipWriter.writeObject(p, nested)))
                .run(dir.resolve("cases")).assertNoFindings();
    }

    @Test
    void safetensors() throws IOException {
        MutationFuzzer.of("safetensors", "safetensors", StateDict::read).defaultIterations(1000)
                .seed(seedFile("seed.safetensors", p -> SafetensorsWriter.write(p, tensors(), Map.of("format", "pt"))))
                .run(dir.resolve("cases")).assertNoFindings();
    }

    @Test
    void npy() throws IOException {
        MutationFuzzer.of("npy", "npy", NpyFile::read).defaultIterations(1000)
                .seed(seedFile("f32.npy", p -> NpyFile.write(p, Tensor.ofFloats(new float[12], 3, 4))))
                .seed(seedFile("i64.npy", p -> NpyFile.write(p, Tensor.ofLongs(new long[] {1, 2, 3, 4, 5, 6}, 1, 2, 3))))
                .run(dir.resolve("cases")).assertNoFindings();
    }

    @Test
    void json() {
        String config = "{\"sample_rate\": 16000, \"strides\": [8, 5, 4, 2], \"n_q\": 8, \"codebook_size\": 1024,"
                + " \"name\": \"speech\\u00e9\", \"nested\": {\"a\": [1.5, -2e3, true, false, null]}}";
        MutationFuzzer.of("json", "json", Json::readObject).text().defaultIterations(1000)
                .seed(config.getBytes(StandardCharsets.UTF_8))
                .run(dir.resolve("cases")).assertNoFindings();
    }
}
