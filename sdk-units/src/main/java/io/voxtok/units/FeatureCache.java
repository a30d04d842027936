package io.voxtok.units;

import io.voxtok.api.ErrorKind;
import io.voxtok.api.VoxtokException;
import io.voxtok.api.audio.AudioBuffer;
import io.voxtok.api.bench.ProgressListener;
import io.voxtok.api.teacher.FeatureSequence;
import io.voxtok.api.teacher.LayerSelection;
import io.voxtok.api.teacher.Teacher;
import io.voxtok.api.teacher.TeacherSpec;
import io.voxtok.modelio.NpyFile;
import io.voxtok.modelio.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Teacher features of a corpus on disk, extracted once: one {@code <id>.npy} per utterance holding float32
 * {@code (frames, dim)} (no leading batch axis, see SPEC 2.7), and a {@link FeatureCacheManifest}
 * ({@code features.json}) naming the teacher, the layer selection and every file with its shape.
 *
 * <p>Resumable: an utterance whose {@code .npy} already exists is not recomputed (its shape is read back and
 * checked). Each {@code .npy} is written to a temporary file and then moved into place, so an
 * interrupted run never leaves a truncated {@code .npy}. A directory made for another teacher or layer
 * selection is refused rather than mixed. Not thread-safe: one extraction per directory at a time.
 */
public final class FeatureCache {
    private static final Logger LOG = LoggerFactory.getLogger(FeatureCache.class);

    private final Path directory;
    private final String teacherId;
    private final LayerSelection layers;

    /**
     * @param directory where the files go (created if missing)
     * @param teacherId what identifies the teacher, e.g. {@code "hubert:default /models/hubert-base-ls960"}
     * @param layers    the hidden states to store
     */
    public FeatureCache(Path directory, String teacherId, LayerSelection layers) {
        this.directory = Objects.requireNonNull(directory);
        this.teacherId = Objects.requireNonNull(teacherId);
        this.layers = Objects.requireNonNull(layers);
    }

    /** {@code avg} or the layer number, as written in the manifest. */
    public static String layersName(LayerSelection layers) {
        return layers instanceof LayerSelection.Single s ? Integer.toString(s.layer()) : "avg";
    }

    /** The cache directory. */
    public Path directory() {
        return directory;
    }

    /** The {@code .npy} of an item id. */
    public Path fileFor(String id) {
        return directory.resolve(id + ".npy");
    }

    /**
     * Extracts the features of every item not cached yet and writes the manifest.
     *
     * @param items    the corpus; ids must be unique
     * @param teacher  the teacher to run; its {@link TeacherSpec} gives the dimension and frame rate
     * @param progress called after each item with (items done, items total)
     * @return the manifest written, listing all items in order
     * @throws VoxtokException USER_INPUT for duplicate ids, empty audio or audio too short for one feature frame,
     *                         a directory of another teacher/selection, or a cached file of the wrong shape;
     *                         ENVIRONMENT for I/O failures
     */
    public FeatureCacheManifest extract(List<CacheItem> items, Teacher teacher, ProgressListener progress) {
        TeacherSpec spec = teacher.spec();
        String layerName = layersName(layers);
        Optional<FeatureCacheManifest> old = FeatureCacheManifest.read(directory);
        if (old.isPresent() && (!old.get().teacher().equals(teacherId) || !old.get().layers().equals(layerName))) {
            throw VoxtokException.userInput(directory + " holds features of teacher '" + old.get().teacher() + "' layers '"
                    + old.get().layers() + "', not '" + teacherId + "' layers '" + layerName + "': use another directory");
        }
        Set<String> seen = new HashSet<>();
        for (CacheItem it : items) {
            if (!seen.add(it.id())) {
                throw VoxtokException.userInput("duplicate utterance id '" + it.id() + "' in the corpus");
            }
        }
        // The manifest is written first so that a resumed run can check the teacher identity.
        new FeatureCacheManifest(teacherId, layerName, spec.dim(), spec.frameRate(), List.of()).write(directory);
        List<FeatureCacheManifest.Entry> entries = new ArrayList<>(items.size());
        int skipped = 0;
        for (int n = 0; n < items.size(); n++) {
            CacheItem item = items.get(n);
            Path file = fileFor(item.id());
            int frames;
            if (Files.isRegularFile(file)) {
                frames = checkCached(file, spec.dim());
                skipped++;
            } else {
                AudioBuffer audio = item.audio().get();
                // A (0, dim) file would be taken for features and fail later, far from its cause; `voxtok encode`
                // refuses the same audio, so features refuse it too (issue #16).
                if (audio.frames() == 0) {
                    throw VoxtokException.userInput(item.id() + ": empty audio (0 samples); no features to extract");
                }
                FeatureSequence f = teacher.represent(audio, layers);
                if (f.frames() == 0) {
                    throw VoxtokException.userInput(item.id() + ": audio of " + audio.frames() + " samples is too "
                            + "short to give any feature frame of teacher '" + teacherId + "'");
                }
                if (f.dim() != spec.dim()) {
                    throw new VoxtokException(ErrorKind.PLUGIN, "teacher returned dimension " + f.dim() + ", its spec says " + spec.dim());
                }
                write(file, f);
                frames = f.frames();
            }
            entries.add(new FeatureCacheManifest.Entry(item.id(), item.id() + ".npy", frames, spec.dim()));
            progress.onProgress(n + 1, items.size());
        }
        FeatureCacheManifest m = new FeatureCacheManifest(teacherId, layerName, spec.dim(), spec.frameRate(), entries);
        m.write(directory);
        LOG.info("feature cache {}: {} utterances, {} computed, {} already cached", directory, items.size(),
                items.size() - skipped, skipped);
        return m;
    }

    /**
     * Reads the cached features of one item.
     *
     * @throws VoxtokException USER_INPUT when the file is missing or not a 2-D float array
     */
    public FeatureSequence load(String id) {
        Path file = fileFor(id);
        if (!Files.isRegularFile(file)) {
            throw VoxtokException.userInput("no cached features for '" + id + "' (" + file + ")");
        }
        FeatureCacheManifest m = FeatureCacheManifest.read(directory).orElseThrow(() ->
                VoxtokException.userInput(directory + " has no " + FeatureCacheManifest.FILE_NAME));
        Tensor t = NpyFile.read(file);
        long[] s = t.shape();
        if (s.length != 2) {
            throw VoxtokException.userInput(file + ": expected (frames, dim), got shape " + java.util.Arrays.toString(s));
        }
        return FeatureSequence.of(t.toFloatArray(), (int) s[0], (int) s[1], m.frameRate());
    }

    private static int checkCached(Path file, int dim) {
        long[] s = NpyFile.read(file).shape();
        if (s.length != 2 || s[1] != dim) {
            throw VoxtokException.userInput(file + " has shape " + java.util.Arrays.toString(s) + ", expected (frames, " + dim
                    + "); delete it to recompute");
        }
        return (int) s[0];
    }

    private static void write(Path file, FeatureSequence f) {
        try {
            Files.createDirectories(file.getParent());
        } catch (IOException e) {
            throw new VoxtokException(ErrorKind.ENVIRONMENT, "cannot create " + file.getParent() + ": " + e.getMessage(), e);
        }
        // NpyFile.write is atomic (temporary file, then move), so an interrupted run leaves no truncated .npy
        NpyFile.write(file, Tensor.ofFloats(f.toArray(), f.frames(), f.dim()));
    }
}
