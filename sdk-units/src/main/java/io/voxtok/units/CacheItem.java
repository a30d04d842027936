package io.voxtok.units;

import io.voxtok.api.audio.AudioBuffer;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * One utterance to put in a {@link FeatureCache}: a stable id (it names the file, {@code <id>.npy}; {@code /}
 * makes sub-directories) and its audio, loaded only when the features are not cached yet.
 *
 * @param id    relative name without extension, e.g. {@code spk1/utt001}
 * @param audio loads the audio on demand
 */
public record CacheItem(String id, Supplier<AudioBuffer> audio) {
    /** Validates the id. */
    public CacheItem {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(audio, "audio");
        if (id.isEmpty() || id.startsWith("/") || id.contains("\\") || id.contains("\0")) {
            throw new IllegalArgumentException("bad cache item id '" + id + "'");
        }
        for (String part : id.split("/", -1)) {
            if (part.isEmpty() || part.equals(".") || part.equals("..")) {
                throw new IllegalArgumentException("bad cache item id '" + id + "'");
            }
        }
    }
}
