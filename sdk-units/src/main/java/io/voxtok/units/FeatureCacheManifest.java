package io.voxtok.units;

import io.voxtok.api.ErrorKind;
import io.voxtok.api.VoxtokException;
import io.voxtok.modelio.AtomicFiles;
import io.voxtok.modelio.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code features.json} of a {@link FeatureCache} directory: which teacher and layer selection produced
 * the files, and every file with its shape. Each {@code .npy} holds a float32 array of shape
 * {@code (frames, dim)}, without the leading batch axis of the official extraction script (SPEC 2.7).
 *
 * @param teacher   the teacher identity given to the cache (component id, model, ...)
 * @param layers    {@code avg} or a hidden-state number
 * @param dim       feature dimension
 * @param frameRate frames per second
 * @param files     one entry per cached utterance, in corpus order
 */
public record FeatureCacheManifest(String teacher, String layers, int dim, double frameRate, List<Entry> files) {
    /** File name of the manifest inside the cache directory. */
    public static final String FILE_NAME = "features.json";

    /**
     * One cached utterance.
     *
     * @param id         the item id
     * @param file       path of the {@code .npy} relative to the cache directory, with {@code /} separators
     * @param frames     number of frames (rows)
     * @param dim        feature dimension (columns)
     * @param contentKey the {@link ContentKey} of the audio the features were computed from; {@code null} when
     *                   unknown (manifests written before content keys, or by other tools): such an entry is
     *                   never reused by {@link FeatureCache}, only read
     */
    public record Entry(String id, String file, int frames, int dim, String contentKey) {
        /** An entry without a content key. */
        public Entry(String id, String file, int frames, int dim) {
            this(id, file, frames, dim, null);
        }
    }

    /** Copies the list. */
    public FeatureCacheManifest {
        Objects.requireNonNull(teacher);
        Objects.requireNonNull(layers);
        files = List.copyOf(files);
    }

    /**
     * Reads the manifest of a cache directory, if there is one.
     *
     * @throws VoxtokException USER_INPUT naming the file when it is not a valid manifest
     */
    public static Optional<FeatureCacheManifest> read(Path directory) {
        Path file = directory.resolve(FILE_NAME);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Map<String, Object> m = Json.readObject(file);
        try {
            List<Entry> entries = new ArrayList<>();
            for (Object o : (List<?>) m.get("files")) {
                Map<?, ?> e = (Map<?, ?>) o;
                entries.add(new Entry((String) e.get("id"), (String) e.get("file"), integer(e.get("frames")),
                        integer(e.get("dim")), (String) e.get("content_key")));
            }
            return Optional.of(new FeatureCacheManifest((String) m.get("teacher"), (String) m.get("layers"),
                    integer(m.get("dim")), ((Number) m.get("frame_rate")).doubleValue(), entries));
        } catch (RuntimeException e) {
            throw new VoxtokException(ErrorKind.USER_INPUT, file + " is not a Voxtok feature-cache manifest: " + e, e);
        }
    }

    private static int integer(Object v) {
        return Math.toIntExact((Long) v);
    }

    /** Writes {@code features.json} into {@code directory} atomically. */
    public void write(Path directory) {
        StringBuilder b = new StringBuilder();
        b.append("{\n  \"format\": \"voxtok-feature-cache\",\n  \"version\": 2,\n");
        b.append("  \"teacher\": ").append(Json.quote(teacher)).append(",\n");
        b.append("  \"layers\": ").append(Json.quote(layers)).append(",\n");
        b.append("  \"layout\": \"(frames, dim) float32 .npy per utterance\",\n");
        b.append("  \"dim\": ").append(dim).append(",\n");
        b.append("  \"frame_rate\": ").append(String.format(Locale.ROOT, "%s", frameRate)).append(",\n");
        b.append("  \"files\": [");
        for (int i = 0; i < files.size(); i++) {
            Entry e = files.get(i);
            b.append(i == 0 ? "\n" : ",\n");
            b.append("    {\"id\": ").append(Json.quote(e.id())).append(", \"file\": ").append(Json.quote(e.file()))
                    .append(", \"frames\": ").append(e.frames()).append(", \"dim\": ").append(e.dim());
            if (e.contentKey() != null) {
                b.append(", \"content_key\": ").append(Json.quote(e.contentKey()));
            }
            b.append('}');
        }
        b.append(files.isEmpty() ? "]\n}\n" : "\n  ]\n}\n");
        AtomicFiles.writeString(directory.resolve(FILE_NAME), b.toString());
    }
}
