package io.voxtok.plugin.slmtokbench.alignment;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import io.voxtok.api.VoxtokException;
import io.voxtok.api.bench.ProgressListener;
import io.voxtok.metrics.ErrorRate;
import io.voxtok.nn.NdArrays;
import io.voxtok.nn.backend.PyTorchBackend;
import io.voxtok.training.loss.CtcLoss;
import io.voxtok.training.loss.CtcReduction;
import io.voxtok.training.optim.Adam;
import io.voxtok.training.optim.AdamSettings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SLMTokBench text alignment (SPEC 7.2): trains a BiLSTM-CTC probe {@code q(y|x)} from discrete tokens to characters
 * and reports the vCLUB mutual information between tokens and transcripts and the probe's WER/CER.
 *
 * <p>Procedure of {@link #run}:
 * <ol>
 *   <li>Character vocabulary from the normalised training transcripts ({@link CharacterVocabulary}); one embedding
 *       table per codebook layer sized by the largest token id seen in any split.</li>
 *   <li>{@link BiLstmCtcNetwork} initialised from the seed; Adam (betas 0.9/0.999, eps 1e-8, constant learning
 *       rate) on the character-level CTC loss ({@link CtcLoss}, blank 0, mean per target character), batches drawn
 *       from a seeded shuffle each epoch. Training utterances that cannot be CTC-aligned (more characters than
 *       frames) are left out and counted.</li>
 *   <li>After each epoch the dev loss; the weights of the epoch with the lowest dev loss are kept for testing.</li>
 *   <li>Test: greedy CTC decoding scored with {@link ErrorRate} (WER, CER), and the vCLUB estimate
 *       ({@link VclubEstimator}) with {@code log q(y|x) = -CTC(probe(x), y)} in nats: the positive term over the
 *       test pairs, the negative term pairing each test token sequence with {@link ProbePreset#negativesPerItem()}
 *       transcripts sampled by {@link NegativePairs} (all of them when the test split is no larger).</li>
 * </ol>
 * Deterministic for a seed and input order on a given machine and thread count. Progress goes to the listener (one
 * unit per training batch and per test utterance) and to SLF4J with an ETA once per epoch. Native memory is held in
 * one manager closed before returning.
 */
public final class TextAlignmentProbe {
    private static final Logger LOG = LoggerFactory.getLogger(TextAlignmentProbe.class);

    private TextAlignmentProbe() {
    }

    /**
     * Trains the probe and evaluates it.
     *
     * @param train    training split (builds the character vocabulary)
     * @param dev      dev split (learning curve, weight selection)
     * @param test     test split (MI, WER, CER)
     * @param preset   architecture and training settings
     * @param seed     initialisation, shuffling and negative-pair seed
     * @param progress progress receiver ({@link ProgressListener#none()} to ignore)
     * @return the result
     * @throws VoxtokException when the splits disagree on the number of token layers or hold no usable utterance
     */
    public static TextAlignmentResult run(ProbeData train, ProbeData dev, ProbeData test, ProbePreset preset,
                                          long seed, ProgressListener progress) {
        return run(train, dev, test, preset, seed, progress, java.util.Optional.empty());
    }

    /**
     * As {@link #run(ProbeData, ProbeData, ProbeData, ProbePreset, long, ProgressListener)}, keeping the state
     * after each epoch in {@code checkpoints} ({@link ProbeCheckpoints}) and continuing from the latest saved epoch
     * when one is there: an interrupted run resumes at its next epoch and ends with the same result as an
     * uninterrupted one. The directory must belong to these splits, settings (the number of epochs aside) and seed.
     *
     * @param checkpoints where to keep per-epoch state, or empty for none
     */
    public static TextAlignmentResult run(ProbeData train, ProbeData dev, ProbeData test, ProbePreset preset,
                                          long seed, ProgressListener progress,
                                          java.util.Optional<java.nio.file.Path> checkpoints) {
        long t0 = System.nanoTime();
        ProbeCheckpoints ck = checkpoints.map(ProbeCheckpoints::new).orElse(null);
        int layers = train.layers();
        if (dev.layers() != layers || test.layers() != layers) {
            throw VoxtokException.userInput("probe splits have " + layers + ", " + dev.layers() + " and "
                    + test.layers() + " token layers (train, dev, test); they must agree");
        }
        CharacterVocabulary vocab = CharacterVocabulary.of(
                train.utterances().stream().map(ProbeUtterance::transcript).toList());
        int[] codebookSizes = new int[layers];
        for (int k = 0; k < layers; k++) {
            codebookSizes[k] = Math.max(train.maxToken(k), Math.max(dev.maxToken(k), test.maxToken(k))) + 1;
        }
        Encoded trainSet = Encoded.of(train, vocab);
        Encoded devSet = Encoded.of(dev, vocab);
        Encoded testSet = Encoded.of(test, vocab);
        List<Integer> usable = trainSet.feasibleIndices();
        int skipped = train.size() - usable.size();
        if (usable.isEmpty()) {
            throw VoxtokException.userInput("no training utterance has at least as many token frames as transcript "
                    + "characters; the probe cannot be trained");
        }
        if (skipped > 0) {
            LOG.warn("text-alignment probe: {} of {} training utterances have fewer frames than CTC needs for their "
                    + "transcript and are left out", skipped, train.size());
        }
        int batches = (usable.size() + preset.batchSize() - 1) / preset.batchSize();
        long total = (long) preset.epochs() * batches + test.size();
        long[] done = {0};
        LOG.info("text-alignment probe '{}': {} layer(s) x {} hidden, {} codebook layer(s) {}, {} classes, "
                + "{} train / {} dev / {} test utterances, {} epochs of {} batches", preset.name(),
                preset.lstmLayers(), preset.hiddenSize(), layers, java.util.Arrays.toString(codebookSizes),
                vocab.classes(), usable.size(), dev.size(), test.size(), preset.epochs(), batches);
        try (NDManager root = PyTorchBackend.newManager(Device.cpu())) {
            BiLstmCtcNetwork net = BiLstmCtcNetwork.initialized(root, codebookSizes, preset, vocab.classes(), seed);
            Map<String, NDArray> params = new LinkedHashMap<>();
            net.namedParameters().forEach((k, p) -> params.put(k, p.getArray()));
            params.values().forEach(a -> a.setRequiresGradient(true));
            long parameterCount = net.parameterCount();
            List<EpochLosses> curve = new ArrayList<>();
            Map<String, float[]> best = null;
            int bestEpoch = 0;
            double bestDev = Double.POSITIVE_INFINITY;
            CtcLoss trainLoss = new CtcLoss(CharacterVocabulary.BLANK, CtcReduction.MEAN, true);
            SplittableRandom shuffle = new SplittableRandom(seed ^ 0x5DEECE66DL);
            Map<String, long[]> shapes = new LinkedHashMap<>();
            params.forEach((k, v) -> shapes.put(k, v.getShape().getShape()));
            try (Adam adam = new Adam(params, new AdamSettings(0.9, 0.999, 1e-8, 0, false))) {
                int first = 1;
                java.util.Optional<ProbeCheckpoints.Saved> saved = ck == null ? java.util.Optional.empty()
                        : ck.latest();
                if (saved.isPresent() && saved.get().epoch() > preset.epochs()) {
                    LOG.info("probe checkpoint {} is past epoch {}: starting again", ck.directory(), preset.epochs());
                    ck.clear();
                    saved = java.util.Optional.empty();
                }
                if (saved.isPresent()) {
                    ProbeCheckpoints.Saved sv = saved.get();
                    restore(params, sv.params());
                    adam.importState(sv.adam());
                    curve.addAll(sv.curve());
                    best = sv.best();
                    bestEpoch = sv.bestEpoch();
                    bestDev = sv.bestDev();
                    for (int e = 1; e <= sv.epoch(); e++) {
                        shuffled(usable, shuffle); // replays the shuffles of the finished epochs
                    }
                    first = sv.epoch() + 1;
                    done[0] = (long) sv.epoch() * batches;
                    progress.onProgress(done[0], total);
                    LOG.info("text-alignment probe: continuing after epoch {} from {}", sv.epoch(), ck.directory());
                }
                for (int epoch = first; epoch <= preset.epochs(); epoch++) {
                    long e0 = System.nanoTime();
                    List<Integer> order = shuffled(usable, shuffle);
                    double lossSum = 0;
                    for (int start = 0; start < order.size(); start += preset.batchSize()) {
                        List<Integer> batch = order.subList(start, Math.min(order.size(), start + preset.batchSize()));
                        lossSum += trainStep(root, net, params, adam, trainLoss, trainSet, batch, preset)
                                * batch.size();
                        progress.onProgress(++done[0], total);
                    }
                    double devLoss = meanLoss(root, net, devSet, preset.batchSize());
                    double seconds = (System.nanoTime() - e0) / 1e9;
                    curve.add(new EpochLosses(epoch, lossSum / order.size(), devLoss, seconds));
                    if (devLoss < bestDev) {
                        bestDev = devLoss;
                        bestEpoch = epoch;
                        best = snapshot(params);
                    }
                    if (ck != null) {
                        ck.save(epoch, snapshot(params), shapes, best, bestEpoch, bestDev, curve,
                                adam.exportState());
                    }
                    double elapsed = (System.nanoTime() - t0) / 1e9;
                    LOG.info("probe epoch {}/{}: train loss {} dev loss {} ({} s, ETA {} s)", epoch,
                            preset.epochs(), fmt(lossSum / order.size()), fmt(devLoss), fmt(seconds),
                            fmt(elapsed / done[0] * (total - done[0])));
                }
            }
            if (best != null) {
                restore(params, best);
            }
            ErrorRate errors = new ErrorRate();
            List<String> hypotheses = decode(root, net, testSet, vocab, preset.batchSize());
            for (int i = 0; i < test.size(); i++) {
                errors.add(test.utterances().get(i).transcript(), hypotheses.get(i));
            }
            VclubEstimate mi = mutualInformation(root, net, testSet, preset.negativesPerItem(), seed,
                    () -> progress.onProgress(++done[0], total));
            double wall = (System.nanoTime() - t0) / 1e9;
            LOG.info("text-alignment probe '{}': MI {} nats ({} bits), WER {}, CER {}, best epoch {}, {} s",
                    preset.name(), fmt(mi.nats()), fmt(mi.bits()), fmt(errors.wer().value()),
                    fmt(errors.cer().value()), bestEpoch, fmt(wall));
            return new TextAlignmentResult(preset, seed, mi, errors.wer().value(), errors.cer().value(),
                    errors.wordCounts(), errors.charCounts(), curve, preset.epochs(), bestEpoch, parameterCount,
                    vocab.characters(), layers, usable.size(), skipped, wall);
        }
    }

    /** One Adam update on a batch; returns the batch's mean CTC loss per character. */
    private static double trainStep(NDManager root, BiLstmCtcNetwork net, Map<String, NDArray> params, Adam adam,
                                    CtcLoss loss, Encoded data, List<Integer> batch, ProbePreset preset) {
        double value;
        try (NDManager m = root.newSubManager()) {
            Batch b = data.batch(m, batch);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray logProbs = net.logProbs(b.tokens, b.lengths, true);
                NDArray l = loss.compute(logProbs, b.targets, b.lengths);
                // DJL accumulates gradients across backward passes, as torch does without zero_grad
                for (NDArray p : params.values()) {
                    try (NDArray g = p.getGradient()) {
                        g.set(new NDIndex("..."), 0f);
                    }
                }
                gc.backward(l);
                value = l.getFloat();
            }
        }
        adam.step(preset.learningRate());
        return value;
    }

    /** Mean over the split's alignable utterances of CTC per character (no gradients). */
    private static double meanLoss(NDManager root, BiLstmCtcNetwork net, Encoded data, int batchSize) {
        CtcLoss none = new CtcLoss(CharacterVocabulary.BLANK, CtcReduction.NONE, false);
        List<Integer> items = data.feasibleIndices();
        if (items.isEmpty()) {
            return Double.NaN;
        }
        double sum = 0;
        for (int start = 0; start < items.size(); start += batchSize) {
            List<Integer> idx = items.subList(start, Math.min(items.size(), start + batchSize));
            try (NDManager m = root.newSubManager()) {
                Batch b = data.batch(m, idx);
                float[] nll = none.compute(net.logProbs(b.tokens, b.lengths, false), b.targets, b.lengths)
                        .toFloatArray();
                for (int i = 0; i < nll.length; i++) {
                    sum += nll[i] / Math.max(1, b.targets[i].length);
                }
            }
        }
        return sum / items.size();
    }

    private static List<String> decode(NDManager root, BiLstmCtcNetwork net, Encoded data, CharacterVocabulary vocab,
                                       int batchSize) {
        List<String> out = new ArrayList<>();
        List<Integer> all = new ArrayList<>();
        for (int i = 0; i < data.size(); i++) {
            all.add(i);
        }
        for (int start = 0; start < all.size(); start += batchSize) {
            List<Integer> idx = all.subList(start, Math.min(all.size(), start + batchSize));
            try (NDManager m = root.newSubManager()) {
                Batch b = data.batch(m, idx);
                NDArray lp = net.logProbs(b.tokens, b.lengths, false);
                Shape s = lp.getShape();
                int n = Math.toIntExact(s.get(1));
                int classes = Math.toIntExact(s.get(2));
                float[] flat = lp.toFloatArray();
                for (int j = 0; j < n; j++) {
                    float[][] frames = new float[b.lengths[j]][classes];
                    for (int t = 0; t < b.lengths[j]; t++) {
                        System.arraycopy(flat, (t * n + j) * classes, frames[t], 0, classes);
                    }
                    out.add(vocab.decode(GreedyCtcDecoder.decode(frames, CharacterVocabulary.BLANK)));
                }
            }
        }
        return out;
    }

    /** vCLUB on a split: the log-likelihood of every matched and sampled pair under the probe. */
    private static VclubEstimate mutualInformation(NDManager root, BiLstmCtcNetwork net, Encoded data,
                                                   int negativesPerItem, long seed, Runnable tick) {
        int n = data.size();
        int[][] pairs = NegativePairs.sample(n, negativesPerItem, seed ^ 0x2545F4914F6CDD1DL);
        CtcLoss none = new CtcLoss(CharacterVocabulary.BLANK, CtcReduction.NONE, false);
        double[] positive = new double[n];
        double[][] negatives = new double[n][];
        for (int i = 0; i < n; i++) {
            try (NDManager m = root.newSubManager()) {
                Batch one = data.batch(m, List.of(i));
                NDArray lp = net.logProbs(one.tokens, null, false).toType(DataType.FLOAT64, false);
                int frames = one.lengths[0];
                positive[i] = -none.compute(lp, new int[][] {data.targets[i]}, new int[] {frames}).getDouble();
                int k = pairs[i].length;
                int[][] targets = new int[k][];
                int[] lengths = new int[k];
                for (int j = 0; j < k; j++) {
                    targets[j] = data.targets[pairs[i][j]];
                    lengths[j] = frames;
                }
                NDArray tiled = lp.broadcast(new Shape(frames, k, lp.getShape().get(2)));
                double[] nll = none.compute(tiled, targets, lengths).toDoubleArray();
                negatives[i] = new double[k];
                for (int j = 0; j < k; j++) {
                    negatives[i][j] = -nll[j];
                }
            }
            tick.run();
        }
        return VclubEstimator.estimate(positive, negatives);
    }

    private static List<Integer> shuffled(List<Integer> items, SplittableRandom rnd) {
        List<Integer> order = new ArrayList<>(items);
        for (int i = order.size() - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            Integer tmp = order.get(i);
            order.set(i, order.get(j));
            order.set(j, tmp);
        }
        return order;
    }

    private static Map<String, float[]> snapshot(Map<String, NDArray> params) {
        Map<String, float[]> out = new LinkedHashMap<>();
        params.forEach((k, v) -> out.put(k, v.toFloatArray()));
        return out;
    }

    private static void restore(Map<String, NDArray> params, Map<String, float[]> values) {
        params.forEach((k, p) -> {
            try (NDArray detached = p.stopGradient();
                 NDArray src = p.getManager().create(values.get(k), p.getShape())) {
                detached.set(new NDIndex("..."), src);
            }
        });
    }

    private static String fmt(double v) {
        return String.format(java.util.Locale.ROOT, "%.4f", v);
    }

    /** A split with its transcripts encoded as class ids. */
    private record Encoded(ProbeData data, int[][] targets) {
        static Encoded of(ProbeData data, CharacterVocabulary vocab) {
            int[][] t = new int[data.size()][];
            for (int i = 0; i < t.length; i++) {
                t[i] = vocab.encode(data.utterances().get(i).transcript());
            }
            return new Encoded(data, t);
        }

        int size() {
            return targets.length;
        }

        List<Integer> feasibleIndices() {
            List<Integer> out = new ArrayList<>();
            for (int i = 0; i < targets.length; i++) {
                if (CtcLoss.feasible(targets[i], data.utterances().get(i).frames())) {
                    out.add(i);
                }
            }
            return out;
        }

        /** Tokens {@code (T, B, layers)} int64, padded with 0 past each item's length. */
        Batch batch(NDManager m, List<Integer> items) {
            int steps = 0;
            for (int i : items) {
                steps = Math.max(steps, data.utterances().get(i).frames());
            }
            int layers = data.layers();
            int n = items.size();
            long[] ids = new long[steps * n * layers];
            int[] lengths = new int[n];
            int[][] t = new int[n][];
            for (int j = 0; j < n; j++) {
                ProbeUtterance u = data.utterances().get(items.get(j));
                lengths[j] = u.frames();
                t[j] = targets[items.get(j)];
                for (int f = 0; f < u.frames(); f++) {
                    for (int k = 0; k < layers; k++) {
                        ids[(f * n + j) * layers + k] = u.tokens()[f][k];
                    }
                }
            }
            // engine-owned: embedding lookups index with views of these ids, which backward reads again
            return new Batch(NdArrays.engineOwned(m.create(ids, new Shape(steps, n, layers))), lengths, t);
        }
    }

    private record Batch(NDArray tokens, int[] lengths, int[][] targets) {
    }
}
