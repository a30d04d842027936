package io.voxtok.training.discriminator;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.voxtok.modelio.Json;
import io.voxtok.modelio.NpyFile;
import io.voxtok.modelio.Tensor;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;


/** The SpeechTokenizer training parity fixture ({@code shared/fixtures/parity/training}) and its rules. */
final class TrainingFixture {
    /** Seed of the discriminators' closed-form weights. */
    static final long DISC_SEED = 3201;
    /** Feature maps are stored whole up to this size, else sampled at {@code (k * numel) // FMAP_SAMPLES}. */
    static final int FMAP_SAMPLES = 2048;
    /** Sampled state files: whole up to this size, else {@link #STATE_SAMPLES} values. */
    static final int STATE_FULL_MAX = 8192;
    static final int STATE_SAMPLES = 1024;

    private static Map<String, Object> manifest;

    private TrainingFixture() {
    }

    /** The fixture directory; fails (not skips) when the shared fixtures are not there. */
    static Path dir() {
        String shared = System.getProperty("voxtok.shared");
        Path d = shared == null ? null : Path.of(shared, "fixtures", "parity", "training");
        org.junit.jupiter.api.Assertions.assertTrue(d != null && Files.isDirectory(d),
                "training parity fixture not found (voxtok.shared = " + shared + ")");
        return d;
    }

    static Path file(String relative) {
        return dir().resolve(relative);
    }

    static Tensor npy(String relative) {
        return NpyFile.read(file(relative));
    }

    /** A fixture array on {@code m}. */
    static NDArray nd(NDManager m, String relative) {
        Tensor t = npy(relative);
        return m.create(t.toFloatArray(), new Shape(t.shape()));
    }

    /** manifest.json, parsed once. */
    static synchronized Map<String, Object> manifest() {
        if (manifest == null) {
            manifest = Json.readObject(file("manifest.json"));
        }
        return manifest;
    }

    /** The manifest's entries of {@code files} for one case, e.g. {@code a_disc}. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> files(String caseName) {
        return ((List<Map<String, Object>>) manifest().get("files")).stream()
                .filter(f -> caseName.equals(f.get("case"))).toList();
    }

    /** {@code tolerance.suggested_atol} of a manifest entry. */
    @SuppressWarnings("unchecked")
    static double suggestedAtol(Map<String, Object> entry) {
        return ((Number) ((Map<String, Object>) entry.get("tolerance")).get("suggested_atol")).doubleValue();
    }

    /** The tensors of a sampled state file (key, numel, offset, count), from manifest {@code states}. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> sampledTensors(String step, String fileName) {
        Map<String, Object> states = (Map<String, Object>) manifest().get("states");
        Map<String, Object> entry = (Map<String, Object>) ((Map<String, Object>) states.get(step)).get(fileName);
        return (List<Map<String, Object>>) entry.get("tensors");
    }

    /** The fixture's sampling rule: {@code (k * numel) // S} for {@code k < min(numel, S)}. */
    static long[] sampleIndex(long numel, int samples) {
        int s = (int) Math.min(numel, samples);
        long[] idx = new long[s];
        for (int k = 0; k < s; k++) {
            idx[k] = (k * numel) / s;
        }
        return idx;
    }

    /** {@code values[idx]}. */
    static float[] gather(float[] values, long[] idx) {
        float[] out = new float[idx.length];
        for (int i = 0; i < idx.length; i++) {
            out[i] = values[Math.toIntExact(idx[i])];
        }
        return out;
    }

    /** Hex SHA-256 of float32 little-endian bytes. */
    static String sha256(float[] values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(values);
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b.array()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Largest {@code |a - b|}. */
    static double maxAbsDiff(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new AssertionError(a.length + " values vs " + b.length);
        }
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            double d = Math.abs((double) a[i] - b[i]);
            if (!(d <= max)) {
                max = d; // NaN propagates
            }
        }
        return max;
    }
}
