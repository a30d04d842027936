package io.voxtok.training.data;

import io.voxtok.api.VoxtokException;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts random training crops, batch by batch, in the calling thread (wrap it in a {@link PrefetchingBatchSource}
 * to load ahead in background threads).
 *
 * <p>Epoch {@code e} visits the items in the order of {@link EpochPlan#of(long, int, int) EpochPlan(seed, e)};
 * batch {@code b} is made of plan positions {@code [b*B, (b+1)*B)}; the last {@code size % B} positions of each
 * epoch are dropped, so every batch is full. For each item:
 * <ul>
 *   <li>audio: mono at the spec's rate; a clip longer than the segment is cropped at the plan's start; a shorter
 *       one is copied from sample 0 and zero-padded to the segment;</li>
 *   <li>teacher features (when the corpus has them): {@code segFrames = segment / hop} rows starting at
 *       {@code f0 = max(0, min(start / hop, nFeat - segFrames))} (the official trainer's rule: the last
 *       {@code segFrames} frames when the crop ends near the clip end, since HuBERT yields slightly fewer than
 *       {@code length / hop} frames); rows past the end of the features are zero.</li>
 * </ul>
 * The batch at a position is a pure function of (corpus, spec, position): {@link #batchAt} is thread-safe.
 */
public final class CropSampler implements BatchSource {
    private final TrainingCorpus corpus;
    private final CropSpec spec;
    private final int batchesPerEpoch;
    private final Object planLock = new Object();
    // Guarded by planLock. Two plans: near an epoch boundary prefetching threads work on both epochs at once.
    private final EpochPlan[] plans = new EpochPlan[2];
    private SamplerPosition position;

    /** A sampler at the first batch of epoch 0. */
    public CropSampler(TrainingCorpus corpus, CropSpec spec) {
        this(corpus, spec, SamplerPosition.START);
    }

    /**
     * A sampler whose next batch is the one at {@code start}.
     *
     * @throws VoxtokException USER_INPUT when the corpus has fewer items than a batch, or its sample rate or
     *                         teacher frame rate does not match the spec
     */
    public CropSampler(TrainingCorpus corpus, CropSpec spec, SamplerPosition start) {
        this.corpus = corpus;
        this.spec = spec;
        if (corpus.sampleRate() != spec.sampleRate()) {
            throw VoxtokException.userInput(corpus.name() + " is loaded at " + corpus.sampleRate() + " Hz, the crop spec "
                    + "expects " + spec.sampleRate() + " Hz");
        }
        if (corpus.size() < spec.batchSize()) {
            throw VoxtokException.userInput(corpus.name() + " has " + corpus.size() + " items, fewer than the batch size "
                    + spec.batchSize());
        }
        corpus.featureFrameRate().ifPresent(rate -> {
            double expected = (double) spec.sampleRate() / spec.hop();
            if (Math.abs(rate - expected) > 1e-6 * expected) {
                throw VoxtokException.userInput("teacher features in " + corpus.featureCache().orElseThrow() + " have "
                        + rate + " frames/s, but crops map hop " + spec.hop() + " at " + spec.sampleRate() + " Hz to "
                        + expected + " frames/s");
            }
        });
        this.batchesPerEpoch = corpus.size() / spec.batchSize();
        if (start.batch() >= batchesPerEpoch) {
            throw new IllegalArgumentException("start " + start + " is past the " + batchesPerEpoch + " batches of an epoch");
        }
        this.position = start;
    }

    /** The corpus. */
    public TrainingCorpus corpus() {
        return corpus;
    }

    /** The crop spec. */
    public CropSpec spec() {
        return spec;
    }

    @Override
    public int batchesPerEpoch() {
        return batchesPerEpoch;
    }

    @Override
    public SamplerPosition position() {
        return position;
    }

    @Override
    public Batch next() {
        Batch b = batchAt(position);
        position = position.next(batchesPerEpoch);
        return b;
    }

    @Override
    public void close() {
        // nothing to release
    }

    /** The position after {@code p}. */
    public SamplerPosition after(SamplerPosition p) {
        return p.next(batchesPerEpoch);
    }

    /**
     * The batch at {@code p}, loading its items in the calling thread. Thread-safe.
     *
     * @throws VoxtokException naming the item and its file when one cannot be loaded
     */
    public Batch batchAt(SamplerPosition p) {
        if (p.batch() >= batchesPerEpoch) {
            throw new IllegalArgumentException(p + " is past the " + batchesPerEpoch + " batches of an epoch");
        }
        EpochPlan plan = plan(p.epoch());
        int bs = spec.batchSize();
        int seg = spec.segmentSamples();
        int segFrames = spec.segmentFrames();
        boolean withFeatures = corpus.hasFeatures();
        List<String> ids = new ArrayList<>(bs);
        float[][] audio = new float[bs][];
        int[] lengths = new int[bs];
        int[] starts = new int[bs];
        float[][][] features = withFeatures ? new float[bs][][] : null;
        int[] frames = withFeatures ? new int[bs] : null;
        for (int r = 0; r < bs; r++) {
            int k = p.batch() * bs + r;
            LoadedClip clip = corpus.load(plan.item(k));
            ids.add(clip.item().id());
            int len = clip.audio().length;
            int start = plan.cropStart(k, len, seg);
            int n = Math.min(seg, len - start);
            audio[r] = new float[seg];
            System.arraycopy(clip.audio(), start, audio[r], 0, n);
            lengths[r] = n;
            starts[r] = start;
            if (withFeatures) {
                float[][] all = clip.features();
                int dim = corpus.featureDim().orElseThrow();
                int f0 = featureStart(start, spec.hop(), all.length, segFrames);
                int m = Math.max(0, Math.min(segFrames, all.length - f0));
                float[][] rows = new float[segFrames][];
                for (int t = 0; t < segFrames; t++) {
                    rows[t] = t < m ? all[f0 + t] : new float[dim];
                }
                features[r] = rows;
                frames[r] = m;
            }
        }
        return new Batch(p, ids, audio, lengths, starts, features, frames);
    }

    /** {@code max(0, min(start / hop, nFeat - segFrames))}: the official trainer's feature crop (SPEC 2.7). */
    static int featureStart(int start, int hop, int nFeat, int segFrames) {
        return Math.max(0, Math.min(start / hop, nFeat - segFrames));
    }

    private EpochPlan plan(int epoch) {
        synchronized (planLock) {
            EpochPlan cached = plans[epoch % 2];
            if (cached == null || cached.epoch() != epoch) {
                cached = EpochPlan.of(spec.seed(), epoch, corpus.size());
                plans[epoch % 2] = cached;
            }
            return cached;
        }
    }
}
