package io.voxtok.training.data;

import io.voxtok.api.VoxtokException;
import io.voxtok.api.audio.AudioBuffer;
import io.voxtok.audio.AudioReader;
import io.voxtok.data.CorpusEntry;
import io.voxtok.data.ManifestDataset;
import io.voxtok.data.Split;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The utterances of one training or validation split, with their teacher features when the run distils.
 *
 * <p>Built from corpus entries (usually a JSON Lines manifest read by {@link ManifestDataset}; which items are
 * train and which dev is decided by {@link SpeakerSplit}) and an optional feature cache written by
 * {@link io.voxtok.units.FeatureCache}. Every item's features file must exist when the corpus is built, so a
 * missing file fails at start-up, naming the item and the cache, instead of hours into a run.
 *
 * <p>{@link #load(int)} decodes an item's audio on each call (no cache, memory stays flat for large corpora):
 * channels are averaged to mono and the signal resampled to the corpus rate ({@link AudioReader#readAs}, the
 * official {@code convert_audio} order). Immutable; {@code load} is thread-safe.
 */
public final class TrainingCorpus {
    private final String name;
    private final List<TrainingItem> items;
    private final Optional<TeacherFeatureFiles> features;
    private final int sampleRate;
    /** Subtracted from every loaded feature frame; null when features are served as stored. */
    private final float[] featureOffset;

    private TrainingCorpus(String name, List<TrainingItem> items, Optional<TeacherFeatureFiles> features, int sampleRate,
                           float[] featureOffset) {
        this.name = name;
        this.items = List.copyOf(items);
        this.features = features;
        this.sampleRate = sampleRate;
        this.featureOffset = featureOffset;
    }

    /**
     * A corpus of the given entries.
     *
     * @param name         names the corpus in messages (a manifest path and split)
     * @param entries      the items, in a fixed order; ids must be unique
     * @param featureCache a {@link io.voxtok.units.FeatureCache} directory, or empty for a run without distillation
     * @param sampleRate   audio is resampled to this rate
     * @throws VoxtokException USER_INPUT for no entries, a duplicate id, or an item without features in the cache
     */
    public static TrainingCorpus of(String name, List<CorpusEntry> entries, Optional<Path> featureCache, int sampleRate) {
        Objects.requireNonNull(name);
        if (sampleRate <= 0) {
            throw new IllegalArgumentException("sample rate must be positive, got " + sampleRate);
        }
        if (entries.isEmpty()) {
            throw VoxtokException.userInput(name + " has no items");
        }
        Optional<TeacherFeatureFiles> cache = featureCache.map(TeacherFeatureFiles::open);
        List<TrainingItem> items = new ArrayList<>(entries.size());
        Set<String> ids = new HashSet<>();
        for (CorpusEntry e : entries) {
            if (!ids.add(e.id())) {
                throw VoxtokException.userInput(name + ": duplicate item id '" + e.id() + "'");
            }
            Optional<Path> f = cache.map(c -> c.require(e.id()));
            items.add(new TrainingItem(e.id(), e.audioPath(), e.speaker(), f));
        }
        return new TrainingCorpus(name, items, cache, sampleRate, null);
    }

    /**
     * The items of one split of a JSON Lines manifest, in file order. Items without a {@code split} field are
     * assigned by held-out speaker (see {@link SpeakerSplit}).
     *
     * @throws VoxtokException USER_INPUT for a bad manifest, an empty split or missing teacher features
     */
    public static TrainingCorpus fromManifest(Path manifest, Split split, Optional<Path> featureCache, int sampleRate) {
        ManifestDataset ds = new ManifestDataset(manifest);
        List<CorpusEntry> entries;
        try (Stream<CorpusEntry> s = ds.entries(split)) {
            entries = s.toList();
        }
        return of(ds.manifest() + " (split " + split.label() + ")", entries, featureCache, sampleRate);
    }

    /** Names the corpus in messages. */
    public String name() {
        return name;
    }

    /** The items in corpus order. */
    public List<TrainingItem> items() {
        return items;
    }

    /** Number of items. */
    public int size() {
        return items.size();
    }

    /** The audio sample rate of loaded clips. */
    public int sampleRate() {
        return sampleRate;
    }

    /** Whether every item has teacher features. */
    public boolean hasFeatures() {
        return features.isPresent();
    }

    /** Teacher feature dimension, when the corpus has features. */
    public OptionalInt featureDim() {
        return features.map(f -> OptionalInt.of(f.dim())).orElse(OptionalInt.empty());
    }

    /** Teacher frames per second, when the corpus has features. */
    public OptionalDouble featureFrameRate() {
        return features.map(f -> OptionalDouble.of(f.frameRate())).orElse(OptionalDouble.empty());
    }

    /**
     * This corpus with centred teacher features: {@link #load} subtracts from every frame the per-dimension mean
     * over all frames of all items (each frame weighted equally, summed in double precision in item order, so the
     * same items give the same mean on every run and a resumed run sees the same targets).
     *
     * <p>Why: the {@code d_axis} distillation loss is a cosine along time per dimension, and features with a large
     * common component (ReLU outputs, for example) let a student that predicts each dimension's mean already
     * reach most of the attainable similarity; after centring the cosine rewards only following the teacher's
     * frame-to-frame variation.
     *
     * @throws IllegalStateException when the corpus has no features
     * @throws VoxtokException       naming the item and its file when a features file cannot be read
     */
    public TrainingCorpus withCentredFeatures() {
        TeacherFeatureFiles cache = features.orElseThrow(() -> new IllegalStateException(name
                + " has no teacher features to centre"));
        double[] sum = new double[cache.dim()];
        long frames = 0;
        for (TrainingItem it : items) {
            for (float[] row : cache.read(it.id(), it.features().orElseThrow())) {
                for (int d = 0; d < row.length; d++) {
                    sum[d] += row[d];
                }
                frames++;
            }
        }
        if (frames == 0) {
            throw VoxtokException.userInput(name + ": the teacher features of " + cache.directory()
                    + " have no frames to centre");
        }
        float[] mean = new float[sum.length];
        for (int d = 0; d < sum.length; d++) {
            mean[d] = (float) (sum[d] / frames);
        }
        return new TrainingCorpus(name, items, features, sampleRate, mean);
    }

    /** The per-dimension offset {@link #load} subtracts from the teacher features, if they are centred. */
    public Optional<float[]> featureOffset() {
        return Optional.ofNullable(featureOffset).map(float[]::clone);
    }

    /** The feature cache directory, when the corpus has features. */
    public Optional<Path> featureCache() {
        return features.map(TeacherFeatureFiles::directory);
    }

    /**
     * Decodes item {@code index}: mono audio at {@link #sampleRate()} and, if the corpus has them, its features.
     *
     * @throws VoxtokException naming the item and its file when the audio or features cannot be read, or the
     *                         audio is empty or holds NaN/infinite samples
     */
    public LoadedClip load(int index) {
        TrainingItem it = items.get(index);
        float[] audio = loadAudio(it);
        float[][] f = null;
        if (features.isPresent()) {
            Path file = it.features().orElseThrow();
            f = features.get().read(it.id(), file);
            if (featureOffset != null) {
                for (float[] row : f) {
                    for (int d = 0; d < row.length; d++) {
                        row[d] -= featureOffset[d];
                    }
                }
            }
        }
        return new LoadedClip(it, audio, f);
    }

    private float[] loadAudio(TrainingItem it) {
        if (!Files.isRegularFile(it.audio())) {
            throw VoxtokException.userInput("audio of training item '" + it.id() + "' not found: " + it.audio());
        }
        AudioBuffer a;
        try {
            a = AudioReader.readAs(it.audio(), sampleRate, 1);
        } catch (VoxtokException e) {
            throw new VoxtokException(e.kind(), "training item '" + it.id() + "': " + e.getMessage(), e);
        }
        if (a.frames() == 0) {
            throw VoxtokException.userInput("audio of training item '" + it.id() + "' is empty: " + it.audio());
        }
        if (a.hasNonFinite()) {
            throw VoxtokException.userInput("audio of training item '" + it.id() + "' holds NaN or infinite samples: "
                    + it.audio());
        }
        return a.toArray();
    }
}
