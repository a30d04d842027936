package io.voxtok.training.data;

import io.voxtok.api.audio.AudioBuffer;
import io.voxtok.audio.WavSampleFormat;
import io.voxtok.audio.WavWriter;
import io.voxtok.modelio.NpyFile;
import io.voxtok.modelio.Tensor;
import io.voxtok.units.FeatureCacheManifest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A tiny corpus on disk whose sample and feature values encode their own position, so tests can check crops
 * against closed-form expectations: sample {@code i} of every clip is {@code i / 2^20} (exact in float32 WAV),
 * feature row {@code t} of item {@code k} is {@code [t, k]}.
 */
final class DataFixtures {
    static final int RATE = 16_000;
    static final int HOP = 320;
    static final float SCALE = 1 << 20;

    private DataFixtures() {
    }

    /** HuBERT-like frame count: one frame less than length / hop, at least 1. */
    static int framesFor(int samples) {
        return Math.max(1, samples / HOP - 1);
    }

    /** Writes items {@code item<k>} with the given lengths, a manifest (speaker {@code spk<k % speakers>}, given
     * split) and, if {@code cache} is not null, a feature cache with dimension 2. Returns the manifest path. */
    static Path write(Path root, int[] lengths, int speakers, String split, Path cache) throws IOException {
        Files.createDirectories(root.resolve("audio"));
        StringBuilder manifest = new StringBuilder();
        List<FeatureCacheManifest.Entry> entries = new ArrayList<>();
        for (int k = 0; k < lengths.length; k++) {
            String id = "item" + k;
            float[] s = new float[lengths[k]];
            for (int i = 0; i < s.length; i++) {
                s[i] = i / SCALE;
            }
            WavWriter.write(root.resolve("audio/" + id + ".wav"), AudioBuffer.ofMono(s, RATE), WavSampleFormat.FLOAT32);
            manifest.append("{\"id\":\"").append(id).append("\",\"path\":\"audio/").append(id)
                    .append(".wav\",\"text\":\"x\",\"speaker\":\"spk").append(k % speakers).append("\"")
                    .append(split == null ? "" : ",\"split\":\"" + split + "\"").append("}\n");
            if (cache != null) {
                int t = framesFor(lengths[k]);
                NpyFile.write(cache.resolve(id + ".npy"), features(t, k));
                entries.add(new FeatureCacheManifest.Entry(id, id + ".npy", t, 2));
            }
        }
        if (cache != null) {
            new FeatureCacheManifest("test-teacher", "avg", 2, (double) RATE / HOP, entries).write(cache);
        }
        Path m = root.resolve("manifest.jsonl");
        Files.writeString(m, manifest, StandardCharsets.UTF_8);
        return m;
    }

    static Tensor features(int frames, int item) {
        float[] v = new float[frames * 2];
        for (int t = 0; t < frames; t++) {
            v[2 * t] = t;
            v[2 * t + 1] = item;
        }
        return Tensor.ofFloats(v, frames, 2);
    }
}
