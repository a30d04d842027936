package io.voxtok.plugin.uslm.training;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import io.voxtok.api.lm.TeacherForcedScore;
import io.voxtok.nn.NdArrays;
import io.voxtok.nn.ParameterLoader;
import io.voxtok.plugin.uslm.config.UslmConfig;
import io.voxtok.plugin.uslm.config.UslmOptions;
import io.voxtok.plugin.uslm.model.UslmNetwork;
import io.voxtok.training.data.SplitMix64;
import io.voxtok.training.optim.Adam;
import io.voxtok.training.optim.AdamSettings;
import io.voxtok.training.optim.CosineAnnealingSchedule;
import io.voxtok.training.optim.GradientClipping;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Trains a USLM / VALL-E network with the official training forward ({@link UslmTrainingForward}: teacher-forced AR
 * on RVQ-1, NAR stage 1 plus one drawn stage, {@code train_stage} 0/1/2), Adam, a linear warm-up then cosine
 * learning-rate schedule ({@link CosineAnnealingSchedule}) and gradient-norm clipping. The backward pass runs on the
 * official total loss divided by the batch's frame count (Adam is invariant to the loss scale up to its epsilon; the
 * division makes the clipping threshold independent of the batch size).
 *
 * <p>Fresh weights follow PyTorch's defaults for the official modules: embeddings {@code N(0, 1)}, linear layers
 * {@code U(+-1/sqrt(fan_in))} (weights and biases), the packed attention projection Xavier-uniform with zero bias,
 * norms 1/0, position scales 1; deterministic per seed and independent of the order keys are built in.
 *
 * <p>Exactly resumable: the state is the weights, Adam's moments, the schedule, the NAR stage stream (its draw
 * count) and the step; dropout masks come from the engine's generator re-seeded from (seed, step) before every step.
 * Not thread-safe; owns its native memory until {@link #close}.
 */
public final class UslmTrainer implements AutoCloseable {
    private final UslmTrainingConfig settings;
    private final UslmConfig model;
    private final NDManager root;
    private final UslmNetwork network;
    private final Map<String, NDArray> parameters = new LinkedHashMap<>();
    private final Adam adam;
    private final CosineAnnealingSchedule schedule;
    private final CountingStageSampler stages;
    private final UslmTrainingForward forward;
    private final UslmScorer scorer;
    private long step;
    private long skipped;

    /**
     * @param settings the training configuration
     * @param model    the architecture (table sizes from the corpus)
     */
    public UslmTrainer(UslmTrainingConfig settings, UslmConfig model) {
        this.settings = settings;
        this.model = model;
        this.root = Engine.getEngine("PyTorch").newBaseManager();
        try {
            long seed = settings.seed();
            ParameterLoader init = ParameterLoader.initializing(root, model.modelClass(),
                    (key, shape) -> initialValues(seed, key, shape));
            this.network = UslmNetwork.build(model,
                    UslmOptions.official().withArLossIgnoresPadding(settings.arLossIgnoresPadding()), init);
            for (Map.Entry<String, Parameter> e : network.namedParameters().entrySet()) {
                if (e.getValue().requiresGradient()) {
                    NDArray a = e.getValue().getArray();
                    a.setRequiresGradient(true);
                    parameters.put(e.getKey(), a);
                }
            }
            this.adam = new Adam(parameters, new AdamSettings(settings.beta1(), settings.beta2(), 1e-8, 0, false));
            this.schedule = new CosineAnnealingSchedule(settings.learningRate(), settings.cosineSteps(),
                    settings.minLearningRate(), settings.warmupSteps(), settings.initialLearningRate());
            schedule.step(); // once before the first batch, as the SpeechTokenizer trainer does
            this.stages = new CountingStageSampler(0);
            this.forward = new UslmTrainingForward(network, stages);
            this.scorer = new UslmScorer(network);
        } catch (RuntimeException e) {
            root.close();
            throw e;
        }
    }

    /** PyTorch's default initialisation of the official module owning {@code key}. */
    static float[] initialValues(long seed, String key, long[] shape) {
        int count = 1;
        for (long s : shape) {
            count = Math.multiplyExact(count, Math.toIntExact(s));
        }
        float[] v = new float[count];
        java.util.SplittableRandom rng = new java.util.SplittableRandom(SplitMix64.derive(seed, key.hashCode()));
        boolean adaProjection = key.contains("project_layer");
        boolean norm = !adaProjection && (key.contains(".norm") || key.startsWith("norm"));
        if (key.endsWith(".alpha")) {
            java.util.Arrays.fill(v, 1f);
        } else if (norm) {
            java.util.Arrays.fill(v, key.endsWith("weight") ? 1f : 0f);
        } else if (key.endsWith("word_embeddings.weight")) {
            for (int i = 0; i < count; i++) {
                v[i] = (float) rng.nextGaussian();
            }
        } else if (key.endsWith("in_proj_weight")) {
            double bound = Math.sqrt(6.0 / (shape[0] + shape[1]));
            for (int i = 0; i < count; i++) {
                v[i] = (float) ((rng.nextDouble() * 2 - 1) * bound);
            }
        } else if (key.endsWith("in_proj_bias") || key.endsWith("out_proj.bias")) {
            // zeros (nn.MultiheadAttention._reset_parameters)
        } else {
            // nn.Linear: kaiming_uniform(a=sqrt(5)) = U(+-1/sqrt(fan_in)) for the weight, the same bound for the bias
            long fanIn = shape.length == 2 ? shape[1] : fanInOfBias(key, shape);
            double bound = 1.0 / Math.sqrt(fanIn);
            for (int i = 0; i < count; i++) {
                v[i] = (float) ((rng.nextDouble() * 2 - 1) * bound);
            }
        }
        return v;
    }

    /** Biases of linear layers take the bound of their weight's fan-in: the model width for every such layer but FFN 2. */
    private static long fanInOfBias(String key, long[] shape) {
        // linear2 maps 4d -> d (fan-in 4d = 4 * shape[0]); linear1 (d -> 4d), out_proj and project_layer read d
        if (key.endsWith("linear2.bias")) {
            return 4 * shape[0];
        }
        if (key.endsWith("linear1.bias")) {
            return shape[0] / 4;
        }
        if (key.endsWith("project_layer.bias")) {
            return shape[0] / 2;
        }
        return shape[0];
    }

    /** The network being trained. */
    public UslmNetwork network() {
        return network;
    }

    /** The architecture. */
    public UslmConfig model() {
        return model;
    }

    /** The training configuration. */
    public UslmTrainingConfig settings() {
        return settings;
    }

    /** The optimiser (its state goes into checkpoints). */
    public Adam optimizer() {
        return adam;
    }

    /** The learning-rate schedule (its state goes into checkpoints). */
    public CosineAnnealingSchedule schedule() {
        return schedule;
    }

    /** The NAR stage stream (its draw count goes into checkpoints). */
    public CountingStageSampler stageSampler() {
        return stages;
    }

    /** Completed steps. */
    public long step() {
        return step;
    }

    /** Steps whose update was skipped. */
    public long skippedSteps() {
        return skipped;
    }

    /** Restores the counters (resume). */
    void restoreCounters(long steps, long skippedSteps) {
        this.step = steps;
        this.skipped = skippedSteps;
    }

    /** Number of trained parameters (tied weights counted once). */
    public long parameterCount() {
        return parameters.values().stream().mapToLong(a -> a.getShape().size()).sum();
    }

    /**
     * One update on a collated batch.
     *
     * @param data a batch in the official padded layout
     */
    public UslmStepResult trainStep(io.voxtok.plugin.uslm.data.UslmBatch data) {
        long t0 = System.nanoTime();
        double lr = schedule.lr();
        long frames = 0;
        for (int v : data.yLens()) {
            frames += v;
        }
        // dropout masks: a function of (seed, step), so a resumed run draws the ones an uninterrupted run draws
        Engine.getEngine("PyTorch").setRandomSeed((int) SplitMix64.derive(settings.seed() ^ 0x5DEECE66DL, step));
        double loss;
        double arLoss = Double.NaN;
        double l2Loss = Double.NaN;
        double kLoss = Double.NaN;
        double arAcc = Double.NaN;
        double l2Acc = Double.NaN;
        double kAcc = Double.NaN;
        int drawn = 0;
        float norm;
        boolean skip;
        try (NDManager m = root.newSubManager()) {
            UslmBatch batch = toArrays(m, data);
            try (GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
                for (NDArray p : parameters.values()) {
                    try (NDArray g = p.getGradient()) {
                        g.set(new NDIndex("..."), 0f);
                    }
                }
                UslmTrainingOutput out = forward.forward(batch, settings.trainStage(), true, false);
                NDArray perFrame = NdArrays.div(out.totalLoss(), frames);
                gc.backward(perFrame);
                loss = perFrame.getFloat();
                List<TopKAccuracy> metrics = out.metrics();
                int mi = 0;
                if (out.losses().containsKey("loss_ar")) {
                    arLoss = out.losses().get("loss_ar").getFloat() / frames;
                    arAcc = rate(metrics.get(mi++));
                }
                for (int s : out.narStages()) {
                    double l = out.losses().get("loss_nar_stage" + s).getFloat() / frames;
                    double a = rate(metrics.get(mi++));
                    if (s == 1) {
                        l2Loss = l;
                        l2Acc = a;
                    } else {
                        kLoss = l;
                        kAcc = a;
                        drawn = s;
                    }
                }
            }
            norm = settings.gradClipNorm() > 0
                    ? GradientClipping.clipGradNorm(parameters.values(), settings.gradClipNorm(), false)
                    : GradientClipping.clipGradNorm(parameters.values(), Double.POSITIVE_INFINITY, false);
            skip = !Double.isFinite(loss) || !Float.isFinite(norm);
            if (!skip) {
                adam.step(lr);
            }
        }
        if (skip) {
            skipped++;
        }
        schedule.step();
        step++;
        return new UslmStepResult(step, loss, arLoss, l2Loss, kLoss, drawn, arAcc, l2Acc, kAcc, frames,
                data.size(), norm, lr, skip, (System.nanoTime() - t0) / 1e9);
    }

    private static double rate(TopKAccuracy a) {
        return a.counted() == 0 ? Double.NaN : a.hits() / (double) a.counted();
    }

    /** The batch as engine-owned int64 arrays (the embedding lookups keep their indices for the backward pass). */
    private static UslmBatch toArrays(NDManager m, io.voxtok.plugin.uslm.data.UslmBatch b) {
        long[] xl = new long[b.size()];
        long[] yl = new long[b.size()];
        for (int i = 0; i < b.size(); i++) {
            xl[i] = b.xLens()[i];
            yl[i] = b.yLens()[i];
        }
        return new UslmBatch(NdArrays.engineOwned(m.create(b.text(), new Shape(b.textShape()))),
                NdArrays.engineOwned(m.create(xl)), NdArrays.engineOwned(m.create(b.codes(), new Shape(b.codesShape()))),
                NdArrays.engineOwned(m.create(yl)));
    }

    /**
     * Teacher-forced score (dropout off, every NAR stage) of utterances, one at a time.
     *
     * @param textIds per utterance, {@code <bos> ... <eos>}
     * @param codes   per utterance, {@code [t][l]}
     */
    public TeacherForcedScore evaluate(List<long[]> textIds, List<int[][]> codes) {
        TeacherForcedScore total = TeacherForcedScore.empty(model.narStages());
        for (int i = 0; i < textIds.size(); i++) {
            total = total.plus(scorer.score(root, textIds.get(i), codes.get(i)));
        }
        return total;
    }

    @Override
    public void close() {
        adam.close();
        root.close();
    }
}
