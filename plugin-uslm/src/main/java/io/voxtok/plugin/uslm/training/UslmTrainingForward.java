package io.voxtok.plugin.uslm.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.voxtok.api.VoxtokException;
import io.voxtok.nn.NdArrays;
import io.voxtok.plugin.uslm.config.NarStageDraw;
import io.voxtok.plugin.uslm.config.UslmConfig;
import io.voxtok.plugin.uslm.model.AttentionMasks;
import io.voxtok.plugin.uslm.model.UslmNetwork;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The official {@code USLM.forward(x, x_lens, y, y_lens, reduction='sum', train_stage)} (prefix mode 0): AR teacher
 * forcing on RVQ-1 and the NAR stages chosen by the {@link StageSampler}, with the official losses (sum reduction; AR
 * cross-entropy without ignore index unless {@code arLossIgnoresPadding}; NAR ignore index 1024; {@code train_stage 0}
 * halves the sum) and top-10 accuracies. Differentiable: run it inside a DJL gradient collector to train.
 *
 * <p>Not thread-safe (the sampler is a stream); one instance per model being trained.
 */
public final class UslmTrainingForward {
    private static final int TOP_K = 10;
    private final UslmNetwork net;
    private final StageSampler sampler;

    /**
     * @param net     the network
     * @param sampler the NAR stage stream ({@link StageSampler#official()} reproduces a fresh official model)
     */
    public UslmTrainingForward(UslmNetwork net, StageSampler sampler) {
        this.net = net;
        this.sampler = sampler;
    }

    /**
     * Runs the forward.
     *
     * @param batch      inputs (their manager receives every output)
     * @param trainStage 0 = AR + NAR, 1 = AR, 2 = NAR
     * @param training   dropout on (the fixtures run with it off, like {@code model.eval()})
     * @param trace      whether to return the intermediate arrays named like the fixture files
     */
    public UslmTrainingOutput forward(UslmBatch batch, int trainStage, boolean training, boolean trace) {
        if (trainStage < 0 || trainStage > 2) {
            throw VoxtokException.userInput("train_stage must be 0, 1 or 2, got " + trainStage);
        }
        return run(batch, trainStage != 2, trainStage != 1 ? null : List.of(), trainStage == 0, training, trace);
    }

    /**
     * The same losses and metrics for parts chosen by the caller instead of the stage draw (scoring): the AR part
     * when {@code ar}, and each NAR stage of {@code narStages} (1 = RVQ-2 ... 7 = RVQ-8). The total is the plain sum
     * of the parts. The stage sampler is not consulted.
     *
     * @param batch     inputs (their manager receives every output)
     * @param ar        compute the AR part
     * @param narStages NAR stages to compute, in order
     * @param training  dropout on
     */
    public UslmTrainingOutput forwardParts(UslmBatch batch, boolean ar, List<Integer> narStages, boolean training) {
        for (int st : narStages) {
            if (st < 1 || st >= net.config().numQuantizers()) {
                throw VoxtokException.userInput("NAR stage must be in 1.." + (net.config().numQuantizers() - 1)
                        + ", got " + st);
            }
        }
        if (!ar && narStages.isEmpty()) {
            throw VoxtokException.userInput("nothing to compute: no AR part and no NAR stage");
        }
        return run(batch, ar, List.copyOf(narStages), false, training, false);
    }

    /** {@code narStages} null = draw them; empty = no NAR part. */
    private UslmTrainingOutput run(UslmBatch batch, boolean withAr, List<Integer> narStages, boolean halve,
                                   boolean training, boolean trace) {
        UslmConfig cfg = net.config();
        NDManager m = batch.x().getManager();
        int n = batch.size();
        int s = Math.toIntExact(batch.x().getShape().get(1));
        int t = Math.toIntExact(batch.y().getShape().get(1));
        int q = Math.toIntExact(batch.y().getShape().get(2));
        if (q != cfg.numQuantizers()) {
            throw VoxtokException.userInput("codes have " + q + " quantizers, the model " + cfg.numQuantizers());
        }
        int[] xl = lengths(batch.xLens());
        int[] yl = lengths(batch.yLens());
        if (max(xl) != s || max(yl) != t) {
            throw VoxtokException.userInput("the official forward needs x.shape[1] == max(x_lens) and y.shape[1] == "
                    + "max(y_lens); got S=" + s + " vs " + max(xl) + ", T=" + t + " vs " + max(yl));
        }
        long frames = 0;
        for (int v : yl) {
            frames += v;
        }
        int eos = cfg.eosId();
        long[] y = batch.y().toLongArray();
        long[] codes = new long[y.length];
        long[] arIn = new long[n * t];
        long[] arTgt = new long[n * t];
        for (int b = 0; b < n; b++) {
            for (int i = 0; i < t; i++) {
                boolean real = i < yl[b];
                for (int k = 0; k < q; k++) {
                    int idx = (b * t + i) * q + k;
                    codes[idx] = real ? y[idx] : 0;
                }
            }
            for (int i = 0; i < t; i++) {
                arIn[b * t + i] = i < yl[b] ? codes[(b * t + i) * q] : eos;
                arTgt[b * t + i] = i + 1 < yl[b] ? codes[(b * t + i + 1) * q] : eos;
            }
        }
        Map<String, NDArray> tr = new LinkedHashMap<>();
        Map<String, NDArray> losses = new LinkedHashMap<>();
        List<TopKAccuracy> metrics = new ArrayList<>();
        List<Integer> stages = new ArrayList<>();
        // engine-owned: the embedding lookups keep their indices for the backward pass
        NDArray codesArr = NdArrays.engineOwned(m.create(codes, new Shape(n, t, q)));
        NDArray arInputs = NdArrays.engineOwned(m.create(arIn, new Shape(n, t)));
        NDArray total = null;
        if (trace) {
            tr.put("train_codes_masked", codesArr);
            tr.put("train_ar_inputs", arInputs);
            tr.put("train_ar_targets", m.create(arTgt, new Shape(n, t)));
        }
        if (withAr) {
            NDArray lossAr = arPart(batch, arInputs, arTgt, xl, yl, s, t, frames, training, trace, tr, metrics);
            losses.put("loss_ar", lossAr);
            total = lossAr;
        }
        if (narStages != null) {
            stages.addAll(narStages);
        } else if (net.options().narStageDraw() == NarStageDraw.STAGE1_PLUS_UNIFORM_2_7) {
            stages.add(1);
            stages.add(sampler.choose(range(2, cfg.numQuantizers() - 1)));
        } else {
            stages.add(sampler.choose(range(1, cfg.numQuantizers() - 1)));
        }
        if (!stages.isEmpty()) {
            try (NDArray narMask = AttentionMasks.keyPadding(m, xl, yl, s, t)) {
                if (trace) {
                    tr.put("train_nar_key_padding_mask", AttentionMasks.keyPaddingFlags(m, xl, yl, s, t));
                }
                for (int stage : stages) {
                    NDArray loss = narPart(batch, arInputs, codesArr, codes, narMask, stage, yl, s, t, q, frames,
                            training, trace, tr, metrics);
                    losses.put("loss_nar_stage" + stage, loss);
                    if (total == null) {
                        total = loss;
                    } else {
                        NDArray sum = total.add(loss);
                        if (!losses.containsValue(total)) {
                            total.close();
                        }
                        total = sum;
                    }
                }
            }
        }
        if (halve) {
            NDArray half = NdArrays.div(total, 2f);
            if (!losses.containsValue(total)) {
                total.close();
            }
            total = half;
        }
        if (!trace) {
            arInputs.close();
        }
        return new UslmTrainingOutput(total, losses, metrics, stages, codesArr, tr);
    }

    private NDArray arPart(UslmBatch batch, NDArray arInputs, long[] arTgt, int[] xl, int[] yl, int s, int t,
                           long frames, boolean training, boolean trace, Map<String, NDArray> tr,
                           List<TopKAccuracy> metrics) {
        NDManager m = batch.x().getManager();
        int n = xl.length;
        int eos = net.config().eosId();
        NDArray logits;
        try (NDArray text = net.arText(batch.x(), training);
             NDArray audio = net.arAudio(arInputs, 0, training);
             NDArray mask = AttentionMasks.arTraining(m, xl, yl, s, t)) {
            NDArray xy = text.concat(audio, 1);
            NDArray dec = net.arDecode(xy, mask, null, training);
            try (NDArray audioDec = dec.get(new NDIndex(":, " + s + ":, :"))) {
                logits = net.arLogits(audioDec);
            }
            if (trace) {
                tr.put("train_ar_attn_mask", AttentionMasks.flags(mask));
                tr.put("train_ar_xy_pos", xy);
                tr.put("train_ar_dec_out", dec);
                tr.put("train_ar_logits", logits);
            } else {
                xy.close();
                dec.close();
            }
        }
        float[] weights = new float[n * t];
        long[] tgt = arTgt.clone();
        for (int b = 0; b < n; b++) {
            for (int i = 0; i < t; i++) {
                // Official: every position counts (padding is trained towards EOS). The fix keeps positions up to
                // and including the end-of-utterance EOS target.
                weights[b * t + i] = !net.options().arLossIgnoresPadding() || i < yl[b] ? 1f : 0f;
            }
        }
        NDArray loss = crossEntropySum(logits, tgt, weights, new Shape(n, t));
        metrics.add(topK("ArTop10Accuracy", logits, arTgt, eos, frames));
        if (!trace) {
            logits.close();
        }
        return loss;
    }

    private NDArray narPart(UslmBatch batch, NDArray arInputs, NDArray codesArr, long[] codes, NDArray mask,
                            int stage, int[] yl, int s, int t, int q, long frames, boolean training, boolean trace,
                            Map<String, NDArray> tr, List<TopKAccuracy> metrics) {
        NDManager m = batch.x().getManager();
        int n = yl.length;
        int pad = net.config().numAudioTokens();
        NDArray yEmb = net.narAudioEmbedding(0, arInputs);
        for (int j = 1; j < stage; j++) {
            try (NDArray cj = codesArr.get(new NDIndex(":, :, " + j)); NDArray e = net.narAudioEmbedding(j, cj)) {
                NDArray sum = yEmb.add(e);
                yEmb.close();
                yEmb = sum;
            }
        }
        String p = "train_nar_stage" + stage + "_";
        NDArray logits;
        try (NDArray text = net.narText(batch.x(), training); NDArray audio = net.narAudioPosition(yEmb, training)) {
            NDArray xy = text.concat(audio, 1);
            NDArray dec = net.narDecode(xy, mask, stage, training);
            try (NDArray audioDec = dec.get(new NDIndex(":, " + s + ":, :"))) {
                logits = net.narLogits(stage, audioDec);
            }
            if (trace) {
                tr.put(p + "y_emb", yEmb);
                tr.put(p + "xy_pos", xy);
                tr.put(p + "dec_out", dec);
                tr.put(p + "logits", logits);
            } else {
                yEmb.close();
                xy.close();
                dec.close();
            }
        }
        long[] tgt = new long[n * t];
        float[] weights = new float[n * t];
        for (int b = 0; b < n; b++) {
            for (int i = 0; i < t; i++) {
                boolean real = i < yl[b];
                tgt[b * t + i] = real ? codes[(b * t + i) * q + stage] : pad;
                weights[b * t + i] = real ? 1f : 0f;
            }
        }
        if (trace) {
            tr.put(p + "targets", m.create(tgt, new Shape(n, t)));
        }
        // ignore_index 1024: gather needs a valid class, so ignored positions pick class 0 with weight 0.
        long[] safe = tgt.clone();
        for (int i = 0; i < safe.length; i++) {
            if (safe[i] == pad) {
                safe[i] = 0;
            }
        }
        NDArray loss = crossEntropySum(logits, safe, weights, new Shape(n, t));
        metrics.add(topK(stage == 1 ? "NarL2Top10Accuracy" : "NarL3-8Top10Accuracy", logits, tgt, pad, frames));
        if (!trace) {
            logits.close();
        }
        // The official factor total / (total - prefix_len * N) is exactly 1 for prefix mode 0.
        return loss;
    }

    /** {@code -sum(weights * log_softmax(logits)[target])}, differentiable in the logits. */
    private static NDArray crossEntropySum(NDArray logits, long[] targets, float[] weights, Shape shape) {
        NDManager m = logits.getManager();
        try (NDArray logp = logits.logSoftmax(-1);
             // engine-owned: gather keeps its indices and mul its other factor for backward
             NDArray idx = NdArrays.engineOwned(m.create(targets, shape.add(1)));
             NDArray picked = logp.gather(idx, 2);
             NDArray flat = picked.reshape(shape);
             NDArray w = NdArrays.engineOwned(m.create(weights, shape));
             NDArray weighted = flat.mul(w);
             NDArray sum = weighted.sum()) {
            return sum.neg();
        }
    }

    /** Official top-10 micro accuracy: targets equal to {@code ignore} are not counted. */
    private static TopKAccuracy topK(String name, NDArray logits, long[] targets, long ignore, long frames) {
        int classes = Math.toIntExact(logits.getShape().get(2));
        float[] v;
        try (NDArray detached = logits.stopGradient()) {
            v = detached.toType(DataType.FLOAT32, false).toFloatArray();
        }
        long hits = 0;
        long counted = 0;
        for (int pos = 0; pos < targets.length; pos++) {
            if (targets[pos] == ignore) {
                continue;
            }
            counted++;
            float target = v[pos * classes + (int) targets[pos]];
            int greater = 0;
            for (int c = 0; c < classes && greater < TOP_K; c++) {
                if (v[pos * classes + c] > target) {
                    greater++;
                }
            }
            if (greater < TOP_K) {
                hits++;
            }
        }
        return new TopKAccuracy(name, hits, counted, frames);
    }

    private static int[] range(int from, int to) {
        int[] r = new int[to - from + 1];
        for (int i = 0; i < r.length; i++) {
            r[i] = from + i;
        }
        return r;
    }

    private static int[] lengths(NDArray lens) {
        long[] v = lens.toLongArray();
        int[] out = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            if (v[i] <= 0) {
                throw VoxtokException.userInput("lengths must be positive, got " + v[i]);
            }
            out[i] = Math.toIntExact(v[i]);
        }
        return out;
    }

    private static int max(int[] v) {
        int m = 0;
        for (int x : v) {
            m = Math.max(m, x);
        }
        return m;
    }
}
