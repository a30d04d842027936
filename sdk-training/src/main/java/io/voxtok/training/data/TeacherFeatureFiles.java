package io.voxtok.training.data;

import io.voxtok.api.ErrorKind;
import io.voxtok.api.VoxtokException;
import io.voxtok.modelio.LoadedValues;
import io.voxtok.modelio.NpyFile;
import io.voxtok.modelio.Tensor;
import io.voxtok.units.FeatureCacheManifest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Read access to a teacher-feature directory written by {@link io.voxtok.units.FeatureCache}: its
 * {@code features.json} gives the dimension, the frame rate and the file of each item id; items the manifest
 * does not list (an extraction that was interrupted before it rewrote the manifest) fall back to the cache's own
 * naming, {@code <id>.npy}. Every file must hold a 2-D {@code (frames, dim)} array: a file with the leading batch
 * axis of the official extraction script, {@code (1, frames, dim)}, is refused rather than silently mis-cropped
 * (SPEC 2.7). Immutable and thread-safe.
 */
public final class TeacherFeatureFiles {
    private final Path directory;
    private final FeatureCacheManifest manifest;
    private final Map<String, FeatureCacheManifest.Entry> entries = new HashMap<>();

    private TeacherFeatureFiles(Path directory, FeatureCacheManifest manifest) {
        this.directory = directory;
        this.manifest = manifest;
        for (FeatureCacheManifest.Entry e : manifest.files()) {
            entries.put(e.id(), e);
        }
    }

    /**
     * Opens a cache directory.
     *
     * @throws VoxtokException USER_INPUT when the directory or its {@code features.json} is missing or invalid
     */
    public static TeacherFeatureFiles open(Path directory) {
        Path dir = directory.toAbsolutePath().normalize();
        if (!Files.isDirectory(dir)) {
            throw VoxtokException.userInput("teacher feature cache " + dir + " is not a directory");
        }
        FeatureCacheManifest m = FeatureCacheManifest.read(dir).orElseThrow(() -> VoxtokException.userInput(
                "teacher feature cache " + dir + " has no " + FeatureCacheManifest.FILE_NAME
                        + " (write it with io.voxtok.units.FeatureCache)"));
        if (m.dim() <= 0) {
            throw VoxtokException.userInput(dir.resolve(FeatureCacheManifest.FILE_NAME) + ": bad dim " + m.dim());
        }
        return new TeacherFeatureFiles(dir, m);
    }

    /** The cache directory. */
    public Path directory() {
        return directory;
    }

    /** Feature dimension (768 for HuBERT base). */
    public int dim() {
        return manifest.dim();
    }

    /** Frames per second (50 for HuBERT at 16 kHz). */
    public double frameRate() {
        return manifest.frameRate();
    }

    /** The teacher identity recorded by the cache. */
    public String teacher() {
        return manifest.teacher();
    }

    /** The file of {@code id}, if it exists. */
    public Optional<Path> find(String id) {
        FeatureCacheManifest.Entry e = entries.get(id);
        Path p = e != null ? directory.resolve(e.file()).normalize() : directory.resolve(id + ".npy").normalize();
        return Files.isRegularFile(p) ? Optional.of(p) : Optional.empty();
    }

    /**
     * The file of {@code id}.
     *
     * @throws VoxtokException USER_INPUT naming the item and the cache when there is none
     */
    public Path require(String id) {
        return find(id).orElseThrow(() -> VoxtokException.userInput("no teacher features for training item '" + id
                + "' in the feature cache " + directory + " (expected " + directory.resolve(id + ".npy")
                + "); extract them first or train without distillation"));
    }

    /**
     * Reads a features file as rows {@code [frame][dim]}.
     *
     * @param id   the item, for messages
     * @param file the {@code .npy}
     * @throws VoxtokException USER_INPUT naming the item and the file when the shape is not {@code (frames, dim)} or
     *                         a value is NaN or infinite (a NaN target would make every distillation loss NaN)
     */
    public float[][] read(String id, Path file) {
        Tensor t;
        try {
            t = NpyFile.read(file);
        } catch (VoxtokException e) {
            throw new VoxtokException(e.kind(), "teacher features of training item '" + id + "': " + e.getMessage(), e);
        }
        long[] s = t.shape();
        if (s.length == 3 && s[0] == 1) {
            throw VoxtokException.userInput(file + " (teacher features of '" + id + "') has shape "
                    + Arrays.toString(s) + " with a leading batch axis; Voxtok stores (frames, dim): squeeze axis 0 "
                    + "(SPEC 2.7)");
        }
        if (s.length != 2 || s[1] != dim()) {
            throw VoxtokException.userInput(file + " (teacher features of '" + id + "') has shape "
                    + Arrays.toString(s) + ", expected (frames, " + dim() + ")");
        }
        int frames = Math.toIntExact(s[0]);
        int d = dim();
        float[] flat;
        try {
            flat = t.toFloatArray();
        } catch (IllegalStateException e) {
            throw new VoxtokException(ErrorKind.USER_INPUT, file + ": unsupported dtype " + t.dtype(), e);
        }
        LoadedValues.requireFinite(flat, file, "teacher features of training item '" + id + "'");
        float[][] rows = new float[frames][];
        for (int f = 0; f < frames; f++) {
            rows[f] = Arrays.copyOfRange(flat, f * d, (f + 1) * d);
        }
        return rows;
    }
}
