package io.voxtok.plugin.uslm.generation;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import io.voxtok.plugin.uslm.model.UslmNetwork;
import java.util.ArrayList;
import java.util.List;

/**
 * The NAR part of {@code USLM.inference} (prefix mode 0, batch 1): {@code h = nar_audio_embeddings[0]([prompt RVQ-1 ;
 * generated RVQ-1])}; for stage i = 1..7 run the NAR decoder without mask on {@code [text ; positions(h)]} with stage
 * embedding i, take the greedy argmax of {@code nar_predict_layers[i-1]} over the generated positions, then add
 * {@code nar_audio_embeddings[i]} of the prompt's true codes and of the predicted codes. Thread-safe.
 */
public final class NarGenerator {
    private final UslmNetwork net;

    /** @param net the network */
    public NarGenerator(UslmNetwork net) {
        this.net = net;
    }

    /** Codes of RVQ-2..8 for the generated frames and, when asked, the top-2 logits per stage and frame. */
    public record NarResult(long[][] codes, List<float[][]> top2) {
    }

    /**
     * @param text      text ids
     * @param prompt    prompt codes {@code [frame][quantizer]}
     * @param generated generated RVQ-1 codes (at least one)
     * @param record    keep the top-2 logits
     * @return {@code codes[frame][stage-1]} for stages 1..7
     */
    public NarResult generate(NDManager manager, long[] text, long[][] prompt, long[] generated, boolean record) {
        int tp = prompt.length;
        int tg = generated.length;
        int stages = net.config().narStages();
        int s = text.length;
        long[][] out = new long[tg][stages];
        List<float[][]> top2 = new ArrayList<>();
        try (NDManager m = manager.newSubManager()) {
            NDArray x = m.create(text, new Shape(1, s));
            NDArray xPos = net.narText(x, false);
            long[] first = new long[tp + tg];
            for (int t = 0; t < tp; t++) {
                first[t] = prompt[t][0];
            }
            System.arraycopy(generated, 0, first, tp, tg);
            NDArray h = net.narAudioEmbedding(0, m.create(first, new Shape(1, tp + tg)));
            for (int stage = 1; stage <= stages; stage++) {
                float[] logits;
                int classes;
                try (NDManager step = m.newSubManager()) {
                    NDArray yPos = net.narAudioPosition(h, false);
                    NDArray xy = xPos.concat(yPos, 1);
                    NDArray dec = net.narDecode(xy, null, stage, false);
                    NDArray l = net.narLogits(stage, dec.get(new NDIndex(":, " + (s + tp) + ":, :")));
                    classes = Math.toIntExact(l.getShape().get(2));
                    logits = l.toFloatArray();
                }
                long[] samples = new long[tg];
                float[][] t2 = new float[tg][2];
                for (int t = 0; t < tg; t++) {
                    int best = 0;
                    float b1 = Float.NEGATIVE_INFINITY;
                    float b2 = Float.NEGATIVE_INFINITY;
                    for (int c = 0; c < classes; c++) {
                        float v = logits[t * classes + c];
                        if (v > b1) {
                            b2 = b1;
                            b1 = v;
                            best = c;
                        } else if (v > b2) {
                            b2 = v;
                        }
                    }
                    samples[t] = best;
                    out[t][stage - 1] = best;
                    t2[t][0] = b1;
                    t2[t][1] = b2;
                }
                if (record) {
                    top2.add(t2);
                }
                if (stage < stages) {
                    long[] next = new long[tp + tg];
                    for (int t = 0; t < tp; t++) {
                        next[t] = prompt[t][stage];
                    }
                    System.arraycopy(samples, 0, next, tp, tg);
                    NDArray e = net.narAudioEmbedding(stage, m.create(next, new Shape(1, tp + tg)));
                    NDArray sum = h.add(e);
                    h.close();
                    e.close();
                    h = sum;
                }
            }
        }
        return new NarResult(out, top2);
    }
}
