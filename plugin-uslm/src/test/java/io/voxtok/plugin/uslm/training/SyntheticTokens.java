package io.voxtok.plugin.uslm.training;

import io.voxtok.data.Split;
import io.voxtok.data.lm.LmTokenCorpusWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A tiny learnable token corpus for trainer tests: random phoneme strings over 8 symbols, each phoneme spoken as two
 * frames whose 8 codes are a fixed function of the phoneme, the layer and the frame, so the codes follow from the
 * text and a model can learn them quickly; and tiny training configurations.
 */
final class SyntheticTokens {
    static final List<String> PHONES = List.of("a", "b", "d", "e", "i", "k", "o", "u");

    private SyntheticTokens() {
    }

    /** Writes a corpus of {@code train} + {@code dev} utterances with {@code codebook} codes per layer. */
    static Path write(Path dir, int codebook, int train, int dev, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        List<LmTokenCorpusWriter.Utterance> tr = new ArrayList<>();
        List<LmTokenCorpusWriter.Utterance> dv = new ArrayList<>();
        for (int i = 0; i < train + dev; i++) {
            int n = 4 + rnd.nextInt(7);
            List<String> ph = new ArrayList<>();
            for (int k = 0; k < n; k++) {
                ph.add(k > 0 && k % 4 == 0 ? "_" : PHONES.get(rnd.nextInt(PHONES.size())));
            }
            int frames = 2 * n;
            int[][] codes = new int[8][frames];
            for (int l = 0; l < 8; l++) {
                for (int t = 0; t < frames; t++) {
                    String p = ph.get(t / 2);
                    int pi = p.equals("_") ? PHONES.size() : PHONES.indexOf(p);
                    codes[l][t] = Math.floorMod(pi * 13 + l * 5 + (t % 2) * 3, codebook);
                }
            }
            boolean isDev = i >= train;
            LmTokenCorpusWriter.Utterance u = new LmTokenCorpusWriter.Utterance((isDev ? "dev" : "tr") + i,
                    isDev ? "s2" : "s1", String.join("", ph), ph, codes);
            (isDev ? dv : tr).add(u);
        }
        LmTokenCorpusWriter.write(dir, new LmTokenCorpusWriter.Source("speechtokenizer", "synthetic", 50.0, 8, codebook),
                Map.of(Split.TRAIN, tr, Split.DEV, dv));
        return dir;
    }

    /** A tiny configuration (d 32, 2 heads, 1 layer, dev scored every 20 steps) with the given fields appended (JSON members, may be empty). */
    static Path config(Path file, int maxSteps, int saveSteps, String extra) {
        String json = "{\"d_model\": 32, \"nhead\": 2, \"num_layers\": 1, \"learning_rate\": 0.003, \"warmup_steps\": 5,"
                + " \"max_frames\": 160, \"num_buckets\": 2, \"max_steps\": " + maxSteps + ", \"valid_steps\": 20,"
                + " \"save_steps\": " + saveSteps + ", \"valid_items\": 4, \"seed\": 7" + (extra.isEmpty() ? "" : ", " + extra) + "}";
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, json);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return file;
    }
}
