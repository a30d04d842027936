package io.voxtok.plugin.speechtokenizer.training;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import io.voxtok.modelio.StateDict;
import io.voxtok.nn.ParameterLoader;
import io.voxtok.nn.quantization.ResidualVectorQuantizer;
import io.voxtok.plugin.speechtokenizer.model.SpeechTokenizerNetwork;
import io.voxtok.training.CodecForward;
import io.voxtok.training.DiscriminatorForward;
import io.voxtok.training.discriminator.DiscriminatorFamily;
import io.voxtok.training.discriminator.DiscriminatorInit;
import io.voxtok.training.discriminator.MultiPeriodDiscriminator;
import io.voxtok.training.discriminator.MultiScaleDiscriminator;
import io.voxtok.training.discriminator.MultiScaleStftDiscriminator;
import io.voxtok.training.loss.AdversarialLoss;
import io.voxtok.training.loss.DistillationLoss;
import io.voxtok.training.loss.GeneratorLoss;
import io.voxtok.training.loss.GeneratorLossTerms;
import io.voxtok.training.loss.MultiResolutionMelLoss;
import io.voxtok.training.optim.Adam;
import io.voxtok.training.optim.AdamSettings;
import io.voxtok.training.optim.CosineAnnealingSchedule;
import io.voxtok.training.optim.GradientClipping;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The official SpeechTokenizer training step on the JVM (SPEC 2.7; the fixture README's "Official trainer step
 * order"): one generator forward in training mode (codebook EMA updates inside), a discriminator step on the
 * detached reconstruction, then a generator step whose adversarial and feature-matching terms use the
 * <em>updated</em> discriminators; two Adam optimisers; cosine learning rates stepped once before the first batch
 * and after every batch.
 *
 * <p>The generator is the same {@link SpeechTokenizerNetwork} inference uses. Everything lives on one root
 * manager owned by the trainer; each step works in a sub-manager closed at its end. Not thread-safe: PyTorch's
 * gradient mode is per thread, so one thread runs every step.
 */
public final class SpeechTokenizerTrainer implements AutoCloseable {
    private final TrainingConfig config;
    private final NDManager root;
    private final SpeechTokenizerNetwork generator;
    private final List<DiscriminatorFamily> discriminators;
    private final Map<String, NDArray> generatorParameters;
    private final Map<String, NDArray> discriminatorParameters;
    private final Adam optimG;
    private final Adam optimD;
    private final CosineAnnealingSchedule scheduleG;
    private final CosineAnnealingSchedule scheduleD;
    private final GeneratorLoss generatorLoss;
    private final AdversarialLoss adversarial;
    private final ResidualVectorQuantizer.TrainingOptions quantizerOptions;
    private long step;
    private int nonFiniteStreak;

    /**
     * Where the start state comes from.
     *
     * @param generator      a state dict with official keys (weight norm as {@code g}/{@code v}, all codebook
     *                       buffers), or {@code null} for PyTorch's default initialisation from {@code seed}
     * @param discriminators per family ({@code mpd}, {@code msd}, {@code mstftd}) how to initialise it
     */
    public record StartState(StateDict generator, Map<String, DiscriminatorInit> discriminators) {
    }

    /** Observes a step from inside (the parity checks read gradients before the optimiser steps). */
    public interface StepObserver {
        /** Discriminator gradients are final; called before the discriminator optimiser steps. */
        default void discriminatorGradients(SpeechTokenizerTrainer trainer) {
        }

        /** Generator gradients are final; called before the generator optimiser steps. */
        default void generatorGradients(SpeechTokenizerTrainer trainer) {
        }

        /** The generator forward of this step (reconstruction, feature, codes), before any update. */
        default void generatorOutput(CodecForward out) {
        }

        /**
         * Called between each loss's forward and its backward pass ({@code phase} {@code discriminator} or
         * {@code generator}); parity checks use it to disturb native memory (see {@code NativeMemoryChurn}).
         */
        default void beforeBackward(String phase) {
        }
    }

    /**
     * Builds a trainer.
     *
     * @param config       the configuration
     * @param start        start state
     * @param cosinePeriod {@code T_max} of the cosine schedule
     */
    public SpeechTokenizerTrainer(TrainingConfig config, StartState start, int cosinePeriod) {
        this.config = config;
        this.root = io.voxtok.nn.backend.PyTorchBackend.newManager(ai.djl.Device.cpu());
        try {
            NDManager g = root.newSubManager();
            if (start.generator() != null) {
                this.generator = SpeechTokenizerNetwork.trainable(config.model(), start.generator(), g);
            } else {
                ParameterLoader init = ParameterLoader.initializing(g, "SpeechTokenizer",
                        new TorchDefaultInitializer(config.seed()));
                this.generator = new SpeechTokenizerNetwork(config.model(), init, true);
            }
            List<DiscriminatorFamily> families = new ArrayList<>();
            for (String family : config.discriminatorFamilies()) {
                DiscriminatorInit init = start.discriminators().get(family);
                families.add(switch (family) {
                    case "mpd" -> MultiPeriodDiscriminator.create(root, config.mpd(), init);
                    case "msd" -> MultiScaleDiscriminator.create(root, config.msd(), init);
                    case "mstftd" -> MultiScaleStftDiscriminator.create(root, config.mstftd(), init);
                    default -> throw new IllegalArgumentException("unknown discriminator family " + family);
                });
            }
            this.discriminators = List.copyOf(families);
            this.generatorParameters = new LinkedHashMap<>();
            parameters("", generator.namedParameters()).forEach((k, a) -> {
                if (config.trains(k)) {
                    generatorParameters.put(k, a);
                } else {
                    a.setRequiresGradient(false);
                }
            });
            if (generatorParameters.isEmpty()) {
                throw new IllegalArgumentException("trained_modules " + config.trainedModules()
                        + " selects no parameter of this model");
            }
            if (!quantizerTrained() && !codebooksInitialized()) {
                throw new IllegalArgumentException("trained_modules " + config.trainedModules() + " freezes the"
                        + " quantizer, but the start state's codebooks are not initialised (start from a trained"
                        + " model with --init)");
            }
            this.discriminatorParameters = new LinkedHashMap<>();
            for (DiscriminatorFamily d : discriminators) {
                discriminatorParameters.putAll(parameters(d.family() + ".", d.block().namedParameters()));
            }
            generatorParameters.values().forEach(a -> a.setRequiresGradient(true));
            discriminatorParameters.values().forEach(a -> a.setRequiresGradient(true));
            AdamSettings adam = new AdamSettings(config.beta1(), config.beta2(), 1e-8, 0, false);
            this.optimG = new Adam(generatorParameters, adam);
            this.optimD = new Adam(discriminatorParameters, adam);
            this.scheduleG = schedule(config, cosinePeriod);
            this.scheduleD = schedule(config, cosinePeriod);
            // the official train() steps both schedulers once before the first batch
            scheduleG.step();
            scheduleD.step();
            this.adversarial = config.adversarialLoss().equals("hinge") ? AdversarialLoss.HINGE
                    : AdversarialLoss.LEAST_SQUARES;
            this.generatorLoss = new GeneratorLoss(config.lossWeights(),
                    MultiResolutionMelLoss.speechTokenizer(config.lossWeights().mel()),
                    DistillationLoss.of(config.distillType()), adversarial);
            this.quantizerOptions = new ResidualVectorQuantizer.TrainingOptions(config.kmeansIterations(),
                    (float) config.deadCodeThreshold(), config.deadCodeReseed(), config.kmeansInitCountWeighted(),
                    config.codebookRecentering());
        } catch (IllegalArgumentException e) {
            root.close();
            throw io.voxtok.api.VoxtokException.userInput("config " + config.source() + ": " + e.getMessage());
        } catch (RuntimeException e) {
            root.close();
            throw e;
        }
    }

    private static CosineAnnealingSchedule schedule(TrainingConfig config, int period) {
        return new CosineAnnealingSchedule(config.learningRate(), period, 0.0, config.warmupSteps(),
                config.initialLearningRate());
    }

    private static Map<String, NDArray> parameters(String prefix, Map<String, Parameter> named) {
        Map<String, NDArray> out = new LinkedHashMap<>();
        named.forEach((k, p) -> out.put(prefix + k, p.getArray()));
        return out;
    }

    /** The configuration. */
    public TrainingConfig config() {
        return config;
    }

    /** The generator (the inference network, in training use). */
    public SpeechTokenizerNetwork generator() {
        return generator;
    }

    /** The discriminator families in trainer order: MPD, MSD, MS-STFT. */
    public List<DiscriminatorFamily> discriminators() {
        return discriminators;
    }

    /** Generator parameters by official key. */
    public Map<String, NDArray> generatorParameters() {
        return generatorParameters;
    }

    /** Discriminator parameters by {@code family.key}. */
    public Map<String, NDArray> discriminatorParameters() {
        return discriminatorParameters;
    }

    /** The generator optimiser. */
    public Adam generatorOptimizer() {
        return optimG;
    }

    /** The discriminator optimiser. */
    public Adam discriminatorOptimizer() {
        return optimD;
    }

    /** The generator learning-rate schedule. */
    public CosineAnnealingSchedule generatorSchedule() {
        return scheduleG;
    }

    /** The discriminator learning-rate schedule. */
    public CosineAnnealingSchedule discriminatorSchedule() {
        return scheduleD;
    }

    /** Whether the quantizer (and with it the encoder) is trained; else both are frozen and codes never change. */
    public boolean quantizerTrained() {
        return config.trainedModules().contains("quantizer");
    }

    private boolean codebooksInitialized() {
        ResidualVectorQuantizer rvq = generator.quantizer();
        for (int i = 0; i < rvq.numLayers(); i++) {
            if (!rvq.layer(i).initialized()) {
                return false;
            }
        }
        return true;
    }

    /** Completed steps. */
    public long step() {
        return step;
    }

    /** Sets the completed-step counter and the non-finite streak (resume). */
    void restoreCounters(long completedSteps, int nonFinite) {
        this.step = completedSteps;
        this.nonFiniteStreak = nonFinite;
    }

    /** Consecutive steps skipped by the non-finite guard so far. */
    public int nonFiniteStreak() {
        return nonFiniteStreak;
    }

    /**
     * One full training step.
     *
     * @param audio    {@code [B][L]} crops
     * @param teacher  {@code [B][T'][D]} teacher features, or {@code null} (no distillation term)
     * @param observer hooks, or {@code null}
     * @return every logged quantity of the step
     */
    public StepMetrics trainStep(float[][] audio, float[][][] teacher, StepObserver observer) {
        long t0 = System.nanoTime();
        int batch = audio.length;
        int length = audio[0].length;
        double lrG = scheduleG.lr();
        double lrD = scheduleD.lr();
        Map<String, Double> scalars = new LinkedHashMap<>();
        Map<String, double[]> arrays = new LinkedHashMap<>();
        boolean skipped = false;
        try (NDManager m = root.newSubManager()) {
            NDArray x = m.create(flatten(audio), new Shape(batch, 1, length));
            NDArray s = teacher == null ? null : m.create(flatten(teacher),
                    new Shape(batch, teacher[0].length, teacher[0][0].length));
            generator.setQuantizerTraining(quantizerOptions, new SplittableRandom(mix(config.seed(), step)));
            generator.setQuantizerBypass(config.quantizerBypassedAfter(step));
            CodecForward out;
            double ld = Double.NaN;
            // with both adversarial weights at 0 the discriminators cannot affect the generator: skip them
            boolean adversarialOn = !discriminators.isEmpty()
                    && (config.lossWeights().feature() != 0 || config.lossWeights().adversarial() != 0);
            long tPhase = System.nanoTime();
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                // a frozen quantizer runs in eval mode: no codebook update, the start state's codes
                out = generator.forward(x, config.model().nQ(), quantizerTrained());
                scalars.put("seconds_generator_forward", (System.nanoTime() - tPhase) / 1e9);
                if (observer != null) {
                    observer.generatorOutput(out);
                }
                if (adversarialOn) {
                    NDArray fakeDetached = out.reconstruction().stopGradient();
                    // the discriminator phase's activations live in their own scope, freed before the generator
                    // phase builds its own (they are the bulk of a step's memory)
                    try (NDManager scope = m.newSubManager()) {
                        scope.tempAttachAll(x, fakeDetached);
                        List<DiscriminatorForward> real = new ArrayList<>();
                        List<DiscriminatorForward> fake = new ArrayList<>();
                        for (DiscriminatorFamily d : discriminators) {
                            real.add(d.forward(x, true));
                            fake.add(d.forward(fakeDetached, true));
                        }
                        NDArray lossD = adversarial.discriminatorTotal(real, fake);
                        for (int i = 0; i < discriminators.size(); i++) {
                            scalars.put("L_D_" + discriminators.get(i).family(),
                                    (double) adversarial.discriminator(real.get(i), fake.get(i)).getFloat());
                        }
                        zeroGradients(discriminatorParameters);
                        if (observer != null) {
                            observer.beforeBackward("discriminator");
                        }
                        gc.backward(lossD);
                        ld = lossD.getFloat();
                    }
                }
            }
            boolean dFinite = true;
            if (adversarialOn) {
                scalars.put("seconds_discriminator_step", (System.nanoTime() - tPhase) / 1e9
                        - scalars.get("seconds_generator_forward"));
                scalars.put("L_D", ld);
                if (observer != null) {
                    observer.discriminatorGradients(this);
                }
                dFinite = Double.isFinite(ld) && applyClipping(discriminatorParameters, scalars, "grad_norm_d");
                if (dFinite) {
                    optimD.step(lrD);
                }
            }
            double lg;
            long tG = System.nanoTime();
            try (GradientCollector gc = Engine.getInstance().newGradientCollector();
                 NDManager scope = m.newSubManager()) {
                scope.tempAttachAll(x, out.reconstruction());
                List<DiscriminatorForward> real = new ArrayList<>();
                List<DiscriminatorForward> fake = new ArrayList<>();
                for (DiscriminatorFamily d : adversarialOn ? discriminators : List.<DiscriminatorFamily>of()) {
                    real.add(d.forward(x, true));
                    fake.add(d.forward(out.reconstruction(), true));
                }
                try (GeneratorLossTerms terms = generatorLoss.compute(x, out.reconstruction(), out.commitmentLoss(),
                        out.semanticFeature(), s, real, fake)) {
                    zeroGradients(generatorParameters);
                    if (observer != null) {
                        observer.beforeBackward("generator");
                    }
                    gc.backward(terms.total());
                    recordGeneratorTerms(terms, scalars);
                    lg = terms.total().getFloat();
                }
            }
            scalars.put("seconds_generator_step", (System.nanoTime() - tG) / 1e9);
            if (observer != null) {
                observer.generatorGradients(this);
            }
            boolean gFinite = Double.isFinite(lg) && applyClipping(generatorParameters, scalars, "grad_norm_g");
            if (gFinite) {
                optimG.step(lrG);
            }
            skipped = !dFinite || !gFinite;
            recordCodes(out, scalars, arrays);
        }
        nonFiniteStreak = skipped ? nonFiniteStreak + 1 : 0;
        step++;
        scheduleG.step();
        scheduleD.step();
        scalars.put("lr_g", lrG);
        scalars.put("lr_d", lrD);
        scalars.put("skipped", skipped ? 1.0 : 0.0);
        scalars.put("step_seconds", (System.nanoTime() - t0) / 1e9);
        return new StepMetrics(step, scalars, arrays, skipped);
    }

    /**
     * Gradient norms (always logged) and optional clipping; false when a gradient is not finite or its norm exceeds
     * {@code grad_skip_norm}: the step is then skipped.
     */
    private boolean applyClipping(Map<String, NDArray> params, Map<String, Double> scalars, String name) {
        double norm;
        if (config.gradClipNorm() != null) {
            norm = GradientClipping.clipGradNorm(params.values(), config.gradClipNorm(), false);
        } else {
            norm = totalGradientNorm(params);
        }
        scalars.put(name, norm);
        return Double.isFinite(norm) && (config.gradSkipNorm() == null || norm <= config.gradSkipNorm());
    }

    private static double totalGradientNorm(Map<String, NDArray> params) {
        double sum = 0;
        for (NDArray p : params.values()) {
            try (NDArray g = p.getGradient(); NDArray sq = g.square(); NDArray t = sq.sum()) {
                sum += t.getFloat();
            }
        }
        return Math.sqrt(sum);
    }

    /** Zeroes accumulated gradients in place (DJL, like torch, accumulates them). */
    static void zeroGradients(Map<String, NDArray> params) {
        if (params.isEmpty()) {
            return;
        }
        // set(index, 0f) would create its scalar on the parameters' long-lived manager, one per call: a leak
        try (NDManager scope = params.values().iterator().next().getManager().newSubManager()) {
            NDArray zero = scope.create(0f);
            for (NDArray p : params.values()) {
                try (NDArray g = p.getGradient()) {
                    g.set(new NDIndex("..."), zero);
                }
            }
        }
    }

    private void recordGeneratorTerms(GeneratorLossTerms t, Map<String, Double> scalars) {
        for (int i = 0; i < t.featurePerFamily().size(); i++) {
            String f = discriminators.get(i).family();
            scalars.put("L_feat_" + f, (double) t.featurePerFamily().get(i).getFloat());
            scalars.put("L_adv_" + f, (double) t.adversarialPerFamily().get(i).getFloat());
        }
        scalars.put("L_feat", (double) t.feature().getFloat());
        scalars.put("L_adv", (double) t.adversarial().getFloat());
        for (int i = 0; i < t.melPerResolution().size(); i++) {
            scalars.put("L_mel_" + i, (double) t.melPerResolution().get(i).getFloat());
        }
        scalars.put("L_mel_weighted", (double) t.mel().getFloat());
        scalars.put("L_q", (double) t.commitment().getFloat());
        scalars.put("L_recon", (double) t.reconstruction().getFloat());
        if (t.distillation() != null) {
            scalars.put("L_distill", (double) t.distillation().getFloat());
        }
        scalars.put("L_G", (double) t.total().getFloat());
    }

    private void recordCodes(CodecForward out, Map<String, Double> scalars, Map<String, double[]> arrays) {
        long[] shape = out.codes().getShape().getShape();
        long[] codes = out.codes().toLongArray();
        int layers = (int) shape[0];
        int per = (int) (shape[1] * shape[2]);
        int bins = config.model().codebookSize();
        double[] usage = new double[layers];
        double[] perplexity = new double[layers];
        for (int k = 0; k < layers; k++) {
            int[] counts = new int[bins];
            for (int i = 0; i < per; i++) {
                counts[(int) codes[k * per + i]]++;
            }
            int used = 0;
            double entropy = 0;
            for (int c : counts) {
                if (c > 0) {
                    used++;
                    double p = c / (double) per;
                    entropy -= p * Math.log(p);
                }
            }
            usage[k] = used / (double) bins;
            perplexity[k] = Math.exp(entropy);
        }
        arrays.put("codebook_usage", usage);
        arrays.put("codebook_perplexity", perplexity);
        double[] dead = new double[out.deadCodes().length];
        for (int i = 0; i < dead.length; i++) {
            dead[i] = out.deadCodes()[i];
        }
        arrays.put("dead_codes_before_update", dead);
    }

    /**
     * Initialises the quantizer's codebooks from the encoder latents of several batches
     * ({@link ResidualVectorQuantizer#initializeFromSample}) instead of the first training batch alone; does nothing
     * when they are already initialised (a resumed run or a start state with trained codebooks).
     *
     * @param batches audio batches {@code [B][L]}, drawn apart from the training sequence
     * @param force   re-initialise codebooks that are already initialised (the early re-clustering of
     *                {@code kmeans_reinit_every})
     * @return whether it initialised
     */
    public boolean initializeQuantizer(List<float[][]> batches, boolean force) {
        ResidualVectorQuantizer rvq = generator.quantizer();
        boolean all = codebooksInitialized();
        if ((all && !force) || batches.isEmpty()) {
            return false;
        }
        if (!quantizerTrained()) {
            throw io.voxtok.api.VoxtokException.userInput("config " + config.source() + ": trained_modules "
                    + config.trainedModules() + " freezes the quantizer, but the start state's codebooks are not"
                    + " initialised (start from a trained model with --init)");
        }
        try (NDManager m = root.newSubManager()) {
            ai.djl.ndarray.NDList rows = new ai.djl.ndarray.NDList();
            long perBatch = 0;
            for (float[][] audio : batches) {
                NDArray x = m.create(flatten(audio), new Shape(audio.length, 1, audio[0].length));
                NDArray e = generator.encoder().forward(x, false).stopGradient();
                long[] s = e.getShape().getShape();
                perBatch = s[0] * s[2];
                rows.add(e.transpose(0, 2, 1).reshape(s[0] * s[2], s[1]));
            }
            NDArray sample = rows.size() == 1 ? rows.get(0) : ai.djl.ndarray.NDArrays.concat(rows, 0);
            float scale = (float) perBatch / sample.getShape().get(0);
            rvq.initializeFromSample(sample, new io.voxtok.nn.quantization.CodebookKMeans(config.kmeansIterations(),
                    new SplittableRandom(mix(config.seed(), -1 - step))), scale);
        }
        return true;
    }

    /**
     * Mean log-mel L1 distance (the official validation "mel error": resolution 0) between items and their
     * reconstruction by the generator in eval mode (no codebook update).
     *
     * @param items dev audio, each at least one frame
     */
    public double melDistance(List<float[]> items) {
        if (items.isEmpty()) {
            return Double.NaN;
        }
        double sum = 0;
        var mel0 = generatorLoss.melLoss().resolutions().get(0);
        // during the quantizer warm-up (and before the clustering that ends it) validate the autoencoder
        generator.setQuantizerBypass(step <= config.quantizerWarmupSteps() && config.quantizerWarmupSteps() > 0);
        for (float[] item : items) {
            try (NDManager m = root.newSubManager()) {
                NDArray x = m.create(item, new Shape(1, 1, item.length));
                CodecForward out = generator.forward(x, config.model().nQ(), false);
                try (NDArray trimmed = out.reconstruction().get(new NDIndex("..., :{}", item.length));
                     NDArray d = mel0.compute(x, trimmed)) {
                    sum += d.getFloat();
                }
            }
        }
        return sum / items.size();
    }

    /** A per-step seed for the quantizer's sampling, so a resumed run draws the same numbers. */
    static long mix(long seed, long step) {
        long z = seed * 0x9E3779B97F4A7C15L + (step + 1) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static float[] flatten(float[][] a) {
        int n = a[0].length;
        float[] out = new float[a.length * n];
        for (int i = 0; i < a.length; i++) {
            if (a[i].length != n) {
                throw new IllegalArgumentException("batch items have different lengths: " + a[i].length + " and "
                        + n);
            }
            System.arraycopy(a[i], 0, out, i * n, n);
        }
        return out;
    }

    private static float[] flatten(float[][][] a) {
        int t = a[0].length;
        int d = a[0][0].length;
        float[] out = new float[a.length * t * d];
        int o = 0;
        for (float[][] item : a) {
            if (item.length != t) {
                throw new IllegalArgumentException("teacher features of a batch have different lengths");
            }
            for (float[] row : item) {
                System.arraycopy(row, 0, out, o, d);
                o += d;
            }
        }
        return out;
    }

    /** Frees every array of the trainer. */
    @Override
    public void close() {
        optimG.close();
        optimD.close();
        discriminators.forEach(DiscriminatorFamily::close);
        root.close();
    }
}
