package io.voxtok.units;

import io.voxtok.api.ErrorKind;
import io.voxtok.api.VoxtokException;
import io.voxtok.api.bench.ProgressListener;
import io.voxtok.api.teacher.FeatureSequence;
import io.voxtok.api.teacher.LayerSelection;
import io.voxtok.api.teacher.Teacher;
import io.voxtok.api.teacher.TeacherSpec;
import io.voxtok.modelio.AtomicFiles;
import io.voxtok.modelio.LoadedValues;
import io.voxtok.modelio.NpyFile;
import io.voxtok.modelio.Tensor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Teacher features of a corpus on disk, extracted once: one {@code <id>.npy} per utterance holding float32
 * {@code (frames, dim)} (no leading batch axis, see SPEC 2.7), and a {@link FeatureCacheManifest}
 * ({@code features.json}) naming the teacher, the layer selection and every file with its shape.
 *
 * <p>Resumable and keyed by content: an utterance is not recomputed when the manifest lists its {@code .npy} with
 * the same {@link ContentKey} (hash of the audio file's bytes) and the file holds that shape; a changed input
 * is recomputed although its name is the same (see {@link FeatureCacheRun}). Each {@code .npy} is written to a
 * temporary file and then moved into place, so an interrupted run never leaves a truncated {@code .npy}, and
 * the temporary files of a killed run are removed by the next. A directory made for another teacher or layer
 * selection is refused rather than mixed. Not thread-safe: one extraction per directory at a time.
 */
public final class FeatureCache {
    private static final Logger LOG = LoggerFactory.getLogger(FeatureCache.class);

    private final Path directory;
    private final String teacherId;
    private final LayerSelection layers;
    private Duration flushEvery = Duration.ofSeconds(2);

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
     * Extracts the features of every item not cached yet (see {@link FeatureCacheRun} for what "cached" means)
     * and writes the manifest. Stops at the first item that fails; the items finished before it stay listed.
     *
     * @param items    the corpus; ids must be unique
     * @param teacher  the teacher to run; its {@link TeacherSpec} gives the dimension and frame rate
     * @param progress called after each item with (items done, items total)
     * @return the manifest written, listing all items in order
     * @throws VoxtokException USER_INPUT for duplicate ids, empty audio or audio too short for one feature frame,
     *                         non-finite features, or a directory of another teacher/selection; ENVIRONMENT for
     *                         I/O failures
     */
    public FeatureCacheManifest extract(List<CacheItem> items, Teacher teacher, ProgressListener progress) {
        Set<String> seen = new HashSet<>();
        for (CacheItem it : items) {
            if (!seen.add(it.id())) {
                throw VoxtokException.userInput("duplicate utterance id '" + it.id() + "' in the corpus");
            }
        }
        try (FeatureCacheRun run = begin(teacher)) {
            for (int n = 0; n < items.size(); n++) {
                run.extract(items.get(n));
                progress.onProgress(n + 1, items.size());
            }
            return run.finish();
        }
    }

    /**
     * Starts an extraction that the caller drives item by item (to go on past failing items, for example).
     * Removes the temporary files a killed earlier run left in the directory and writes the index at once.
     *
     * @throws VoxtokException USER_INPUT for a directory of another teacher or layer selection, or an unreadable
     *                         {@code features.json}
     */
    public FeatureCacheRun begin(Teacher teacher) {
        String layerName = layersName(layers);
        Optional<FeatureCacheManifest> old = FeatureCacheManifest.read(directory);
        if (old.isPresent() && (!old.get().teacher().equals(teacherId) || !old.get().layers().equals(layerName))) {
            throw VoxtokException.userInput(directory + " holds features of teacher '" + old.get().teacher() + "' layers '"
                    + old.get().layers() + "', not '" + teacherId + "' layers '" + layerName + "': use another directory");
        }
        removeStaleTemporaries();
        List<FeatureCacheManifest.Entry> earlier = old.map(FeatureCacheManifest::files).orElse(List.of());
        return new FeatureCacheRun(this, teacher, teacherId, layers, earlier, flushEvery);
    }

    /** How often a run rewrites {@code features.json} at most (tests set zero: after every item). */
    FeatureCache flushEvery(Duration interval) {
        this.flushEvery = Objects.requireNonNull(interval);
        return this;
    }

    private void removeStaleTemporaries() {
        if (!Files.isDirectory(directory)) {
            return;
        }
        List<Path> folders;
        try (Stream<Path> s = Files.walk(directory)) {
            folders = s.filter(Files::isDirectory).toList();
        } catch (IOException | UncheckedIOException e) {
            throw new VoxtokException(ErrorKind.ENVIRONMENT, directory + ": cannot list: " + e.getMessage(), e);
        }
        int removed = 0;
        for (Path f : folders) {
            removed += AtomicFiles.removeStaleTemporaries(f).size();
        }
        if (removed > 0) {
            LOG.info("{}: removed {} temporary file(s) left by an interrupted run", directory, removed);
        }
    }

    /**
     * Reads the cached features of one item.
     *
     * @throws VoxtokException USER_INPUT when the file is missing, not a 2-D float array or holds a NaN or infinite
     *                         value
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
        float[] values = t.toFloatArray();
        LoadedValues.requireFinite(values, file, "the cached features of '" + id + "'");
        return FeatureSequence.of(values, (int) s[0], (int) s[1], m.frameRate());
    }
}
