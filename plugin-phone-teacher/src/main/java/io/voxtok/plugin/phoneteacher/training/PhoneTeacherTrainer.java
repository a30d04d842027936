package io.voxtok.plugin.phoneteacher.training;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import io.voxtok.nn.NdArrays;
import io.voxtok.nn.backend.PyTorchBackend;
import io.voxtok.plugin.phoneteacher.model.PhoneTeacherConfig;
import io.voxtok.plugin.phoneteacher.model.PhoneTeacherNetwork;
import io.voxtok.training.optim.Adam;
import io.voxtok.training.optim.AdamSettings;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Trains a {@link PhoneTeacherNetwork} with frame-level cross-entropy and Adam (constant learning rate) on CPU,
 * with optional dropout and {@link MelWarp} augmentation (training steps only; evaluation sees clean frames).
 * Labels use {@link FrameLabeller#IGNORE} for frames without a target. Not thread-safe; owns its native memory
 * until {@link #close}.
 */
public final class PhoneTeacherTrainer implements AutoCloseable {
    private final TeacherTrainingConfig settings;
    private final PhoneTeacherConfig model;
    private final NDManager root;
    private final PhoneTeacherNetwork network;
    private final Map<String, NDArray> parameters = new LinkedHashMap<>();
    private final Adam adam;
    private final MelWarp warp;
    private long step;

    /**
     * @param settings the training configuration
     * @param model    the architecture with the corpus' phone inventory
     */
    public PhoneTeacherTrainer(TeacherTrainingConfig settings, PhoneTeacherConfig model) {
        this.settings = settings;
        this.model = model;
        this.root = PyTorchBackend.newManager(ai.djl.Device.cpu());
        try {
            this.network = PhoneTeacherNetwork.initialized(model, root.newSubManager(), settings.seed());
            network.namedParameters().forEach((k, p) -> parameters.put(k, p.getArray()));
            parameters.values().forEach(a -> a.setRequiresGradient(true));
            this.warp = new MelWarp(settings.melWarp());
            this.adam = new Adam(parameters, new AdamSettings(settings.beta1(), settings.beta2(), 1e-8, 0, false));
        } catch (RuntimeException e) {
            root.close();
            throw e;
        }
    }

    /** The network being trained. */
    public PhoneTeacherNetwork network() {
        return network;
    }

    /** The optimiser (its state goes into checkpoints). */
    public Adam optimizer() {
        return adam;
    }

    /** Completed steps. */
    public long step() {
        return step;
    }

    /** Sets the completed steps (resume). */
    void restoreStep(long steps) {
        this.step = steps;
    }

    /**
     * One update.
     *
     * @param audio  {@code [B][L]} crops of equal length
     * @param labels {@code [B][L / hop]} classes or {@link FrameLabeller#IGNORE}
     */
    public StepResult trainStep(float[][] audio, int[][] labels) {
        long t0 = System.nanoTime();
        double loss;
        double acc;
        long count;
        try (NDManager m = root.newSubManager()) {
            NDArray x = m.create(flatten(audio), new Shape(audio.length, 1, audio[0].length));
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray frames = network.frontEnd(x);
                if (warp.enabled()) {
                    // one generator per step from the run seed: a resumed run draws the same warps
                    frames = warp.apply(frames, new SplittableRandom(settings.seed() * 0x9E3779B97F4A7C15L + step));
                }
                NDArray logits = network.runFrames(frames, true, (float) settings.dropout()).logits();
                Targets targets = targets(m, labels, logits.getShape());
                NDArray ce = crossEntropy(logits, targets);
                for (NDArray p : parameters.values()) {
                    try (NDArray g = p.getGradient()) {
                        g.set(new NDIndex("..."), 0f);
                    }
                }
                gc.backward(ce);
                loss = ce.getFloat();
                acc = accuracy(logits, labels);
                count = targets.count;
            }
            adam.step(settings.learningRate());
        }
        step++;
        return new StepResult(step, loss, acc, count, (System.nanoTime() - t0) / 1e9);
    }

    /**
     * Loss and frame accuracy over whole utterances, one at a time, without gradients.
     *
     * @param audio  utterances (each at least one hop long)
     * @param labels their frame labels ({@code floor(L / hop)} each)
     */
    public StepResult evaluate(java.util.List<float[]> audio, java.util.List<int[]> labels) {
        long t0 = System.nanoTime();
        double lossSum = 0;
        double correct = 0;
        long count = 0;
        for (int i = 0; i < audio.size(); i++) {
            float[] a = audio.get(i);
            int[][] lab = {labels.get(i)};
            try (NDManager m = root.newSubManager()) {
                NDArray logits = network.forward(m.create(a, new Shape(1, 1, a.length)), false);
                Targets t = targets(m, lab, logits.getShape());
                if (t.count == 0) {
                    continue;
                }
                lossSum += crossEntropy(logits, t).getFloat() * t.count;
                correct += accuracy(logits, lab) * t.count;
                count += t.count;
            }
        }
        return new StepResult(step, count == 0 ? Double.NaN : lossSum / count, count == 0 ? Double.NaN : correct / count,
                count, (System.nanoTime() - t0) / 1e9);
    }

    private record Targets(NDArray oneHot, long count) {
    }

    private Targets targets(NDManager m, int[][] labels, Shape logitsShape) {
        int b = Math.toIntExact(logitsShape.get(0));
        int t = Math.toIntExact(logitsShape.get(1));
        int p = Math.toIntExact(logitsShape.get(2));
        float[] oneHot = new float[b * t * p];
        long count = 0;
        for (int i = 0; i < b; i++) {
            for (int f = 0; f < t; f++) {
                int c = f < labels[i].length ? labels[i][f] : FrameLabeller.IGNORE;
                if (c >= 0) {
                    oneHot[(i * t + f) * p + c] = 1f;
                    count++;
                }
            }
        }
        return new Targets(m.create(oneHot, logitsShape), count);
    }

    /** Mean negative log-likelihood of the labelled frames (ignored frames have an all-zero one-hot row). */
    private static NDArray crossEntropy(NDArray logits, Targets t) {
        NDArray logp = logits.logSoftmax(2);
        return NdArrays.div(logp.mul(t.oneHot).sum().neg(), Math.max(1, t.count));
    }

    private static double accuracy(NDArray logits, int[][] labels) {
        long[] pred;
        try (NDArray am = logits.argMax(2)) {
            pred = am.toLongArray();
        }
        int t = Math.toIntExact(logits.getShape().get(1));
        long right = 0;
        long n = 0;
        for (int i = 0; i < labels.length; i++) {
            for (int f = 0; f < t && f < labels[i].length; f++) {
                if (labels[i][f] >= 0) {
                    n++;
                    if (pred[i * t + f] == labels[i][f]) {
                        right++;
                    }
                }
            }
        }
        return n == 0 ? Double.NaN : right / (double) n;
    }

    private static float[] flatten(float[][] rows) {
        int len = rows[0].length;
        float[] out = new float[rows.length * len];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(rows[i], 0, out, i * len, len);
        }
        return out;
    }

    /** The architecture with its phone inventory. */
    public PhoneTeacherConfig model() {
        return model;
    }

    @Override
    public void close() {
        adam.close();
        root.close();
    }
}
