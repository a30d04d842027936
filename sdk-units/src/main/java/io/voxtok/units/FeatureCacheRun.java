package io.voxtok.units;

import io.voxtok.api.ErrorKind;
import io.voxtok.api.VoxtokException;
import io.voxtok.api.audio.AudioBuffer;
import io.voxtok.api.teacher.FeatureSequence;
import io.voxtok.api.teacher.LayerSelection;
import io.voxtok.api.teacher.Teacher;
import io.voxtok.api.teacher.TeacherSpec;
import io.voxtok.modelio.NpyFile;
import io.voxtok.modelio.Tensor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One extraction into a {@link FeatureCache} directory, item by item (from {@link FeatureCache#begin}).
 *
 * <p>An item's cached {@code .npy} is reused only when {@code features.json} lists it with the same
 * {@link ContentKey} as the item's audio now and the file still holds a {@code (frames, dim)} array of that
 * shape; otherwise the features are computed again and replace it. So a changed input is recomputed although its
 * name is the same, and a cached file that is damaged is recomputed rather than refused.
 *
 * <p>{@code features.json} is rewritten (atomically) at most every {@code flushEvery} while the run goes on,
 * listing the items finished in this run plus the earlier entries not visited yet, and again by {@link #close()}.
 * A run killed in between leaves an index that lists every file it names correctly; the files finished after
 * its last rewrite are not listed and are recomputed by the next run (rule: an unlisted {@code .npy} is never
 * trusted). {@link #finish()} writes the final index: the items of this run, in order.
 *
 * <p>Not thread-safe.
 */
public final class FeatureCacheRun implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FeatureCacheRun.class);

    /** What {@link #extract} did with an item. */
    public enum Outcome {
        /** Features computed and written. */
        COMPUTED,
        /** Cached features of the same content reused. */
        REUSED
    }

    private final FeatureCache cache;
    private final Teacher teacher;
    private final String teacherId;
    private final LayerSelection layers;
    private final String layerName;
    private final TeacherSpec spec;
    private final Duration flushEvery;
    /** Earlier entries not visited yet by this run, by id. */
    private final Map<String, FeatureCacheManifest.Entry> pending;
    private final List<FeatureCacheManifest.Entry> done = new ArrayList<>();
    private final Set<String> ids = new HashSet<>();
    private long lastFlush = System.nanoTime();
    private int computed;
    private boolean finished;

    FeatureCacheRun(FeatureCache cache, Teacher teacher, String teacherId, LayerSelection layers,
                    List<FeatureCacheManifest.Entry> earlier, Duration flushEvery) {
        this.cache = cache;
        this.teacher = teacher;
        this.teacherId = teacherId;
        this.layers = layers;
        this.layerName = FeatureCache.layersName(layers);
        this.spec = teacher.spec();
        this.flushEvery = flushEvery;
        this.pending = new LinkedHashMap<>();
        for (FeatureCacheManifest.Entry e : earlier) {
            pending.put(e.id(), e);
        }
        // Written first so that a resumed run can check the teacher identity even if this one is killed at once.
        writeIndex(indexEntries());
    }

    /**
     * Reuses or computes the features of one item.
     *
     * @throws VoxtokException USER_INPUT for a duplicate id, empty audio or audio too short for one feature frame,
     *                         features with NaN or infinite values (naming the item and the teacher); PLUGIN when the
     *                         teacher returns another dimension than its spec; ENVIRONMENT for I/O failures. The
     *                         item is then not listed in the index; its old {@code .npy}, if any, stays on disk
     *                         unlisted (callers that want it gone delete {@link FeatureCache#fileFor}).
     */
    public Outcome extract(CacheItem item) {
        if (finished) {
            throw new IllegalStateException("feature cache run already finished");
        }
        if (!ids.add(item.id())) {
            throw VoxtokException.userInput("duplicate utterance id '" + item.id() + "' in the corpus");
        }
        FeatureCacheManifest.Entry earlier = pending.remove(item.id());
        Path file = cache.fileFor(item.id());
        AudioBuffer audio = null;
        String key;
        if (item.source().isPresent()) {
            key = ContentKey.ofFile(item.source().get());
        } else {
            audio = item.audio().get();
            key = ContentKey.ofAudio(audio);
        }
        if (earlier != null && key.equals(earlier.contentKey()) && holds(file, earlier)) {
            add(earlier);
            return Outcome.REUSED;
        }
        if (audio == null) {
            audio = item.audio().get();
        }
        String label = item.label();
        // A (0, dim) file would be taken for features and fail later, far from its cause; `voxtok encode`
        // refuses the same audio, so features refuse it too (issue #16).
        if (audio.frames() == 0) {
            throw VoxtokException.userInput(label + ": empty audio (0 samples); no features to extract");
        }
        FeatureSequence f = teacher.represent(audio, layers);
        if (f.frames() == 0) {
            throw VoxtokException.userInput(label + ": audio of " + audio.frames() + " samples is too "
                    + "short to give any feature frame of teacher '" + teacherId + "'");
        }
        if (f.dim() != spec.dim()) {
            throw new VoxtokException(ErrorKind.PLUGIN, "teacher returned dimension " + f.dim() + ", its spec says " + spec.dim());
        }
        TeacherOutputCheck.requireFinite(f, label, teacherId);
        // NpyFile.write is atomic (temporary file, then move), so an interrupted run leaves no truncated .npy
        NpyFile.write(file, Tensor.ofFloats(f.toArray(), f.frames(), f.dim()));
        computed++;
        add(new FeatureCacheManifest.Entry(item.id(), item.id() + ".npy", f.frames(), f.dim(), key));
        return Outcome.COMPUTED;
    }

    /** Items computed so far. */
    public int computed() {
        return computed;
    }

    /** Items reused so far. */
    public int reused() {
        return done.size() - computed;
    }

    /**
     * Writes the final index: the items extracted by this run, in order (entries of items this run did not
     * visit are dropped from the index; their files stay).
     *
     * @return the manifest written
     */
    public FeatureCacheManifest finish() {
        FeatureCacheManifest m = manifest(done);
        m.write(cache.directory());
        finished = true;
        LOG.info("feature cache {}: {} utterances, {} computed, {} already cached", cache.directory(), done.size(),
                computed, reused());
        return m;
    }

    /** Unless finished, writes the index of what is known now (so a failed run loses no finished item). */
    @Override
    public void close() {
        if (!finished) {
            writeIndex(indexEntries());
            finished = true;
        }
    }

    private void add(FeatureCacheManifest.Entry e) {
        done.add(e);
        long now = System.nanoTime();
        if (now - lastFlush >= flushEvery.toNanos()) {
            writeIndex(indexEntries());
            lastFlush = now;
        }
    }

    private List<FeatureCacheManifest.Entry> indexEntries() {
        List<FeatureCacheManifest.Entry> all = new ArrayList<>(done);
        all.addAll(pending.values());
        return all;
    }

    private void writeIndex(List<FeatureCacheManifest.Entry> entries) {
        manifest(entries).write(cache.directory());
    }

    private FeatureCacheManifest manifest(List<FeatureCacheManifest.Entry> entries) {
        return new FeatureCacheManifest(teacherId, layerName, spec.dim(), spec.frameRate(), entries);
    }

    /** Whether {@code file} is there and holds the array {@code entry} describes. */
    private boolean holds(Path file, FeatureCacheManifest.Entry entry) {
        if (!Files.isRegularFile(file) || entry.dim() != spec.dim()) {
            return false;
        }
        try {
            long[] s = NpyFile.read(file).shape();
            if (s.length == 2 && s[0] == entry.frames() && s[1] == entry.dim()) {
                return true;
            }
            LOG.warn("{}: shape {} does not match its index entry; recomputing", file, java.util.Arrays.toString(s));
        } catch (VoxtokException e) {
            LOG.warn("{}: unreadable cached features ({}); recomputing", file, e.getMessage());
        }
        return false;
    }
}
