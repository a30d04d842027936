package io.voxtok.plugin.uslm.data;

import io.voxtok.data.lm.LmTokenCorpus;
import io.voxtok.data.lm.LmTokenEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Pads a list of utterances of an LM token corpus into a {@link UslmBatch}: text rows are the stored
 * {@code <bos> ... <eos>} ids padded with 0 to the longest ({@code x_lens} = row length incl. BOS/EOS), code rows
 * the first {@code layers} layers of every frame padded with 0 to the longest ({@code y_lens} = frames).
 */
public final class UslmBatchCollator {
    private final int layers;

    /** A collator keeping the first {@code layers} codebooks (USLM: 8). */
    public UslmBatchCollator(int layers) {
        if (layers < 1) {
            throw new IllegalArgumentException("layers must be >= 1, got " + layers);
        }
        this.layers = layers;
    }

    /** Collates {@code items} of {@code corpus}, reading their codes from disk. */
    public UslmBatch collate(LmTokenCorpus corpus, List<LmTokenEntry> items) {
        return collate(items, corpus::codes, corpus.manifest().layers());
    }

    /**
     * Collates {@code items} whose codes come from {@code codes} (frame-major, {@code storedLayers} per frame).
     *
     * @throws IllegalArgumentException when the items have fewer layers than requested or codes of the wrong size
     */
    public UslmBatch collate(List<LmTokenEntry> items, Function<LmTokenEntry, int[]> codes, int storedLayers) {
        if (items.isEmpty()) {
            throw new IllegalArgumentException("cannot collate an empty batch");
        }
        if (storedLayers < layers) {
            throw new IllegalArgumentException("the corpus has " + storedLayers + " layers, the model needs " + layers);
        }
        int n = items.size();
        int width = 0;
        int frames = 0;
        for (LmTokenEntry e : items) {
            width = Math.max(width, e.textIds().length);
            frames = Math.max(frames, e.frames());
        }
        long[] text = new long[n * width];
        long[] y = new long[n * frames * layers];
        int[] xLens = new int[n];
        int[] yLens = new int[n];
        List<String> ids = new ArrayList<>(n);
        for (int b = 0; b < n; b++) {
            LmTokenEntry e = items.get(b);
            ids.add(e.id());
            int[] t = e.textIds();
            for (int s = 0; s < t.length; s++) {
                text[b * width + s] = t[s];
            }
            xLens[b] = t.length;
            int[] c = codes.apply(e);
            if (c.length != e.frames() * storedLayers) {
                throw new IllegalArgumentException("utterance " + e.id() + ": " + c.length + " codes for " + e.frames()
                        + " frames of " + storedLayers + " layers");
            }
            for (int f = 0; f < e.frames(); f++) {
                for (int l = 0; l < layers; l++) {
                    y[(b * frames + f) * layers + l] = c[f * storedLayers + l];
                }
            }
            yLens[b] = e.frames();
        }
        return new UslmBatch(ids, text, width, xLens, y, frames, layers, yLens);
    }
}
