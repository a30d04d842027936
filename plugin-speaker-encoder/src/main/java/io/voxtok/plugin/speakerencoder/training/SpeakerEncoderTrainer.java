package io.voxtok.plugin.speakerencoder.training;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import io.voxtok.nn.FanInUniformInitializer;
import io.voxtok.nn.backend.PyTorchBackend;
import io.voxtok.plugin.speakerencoder.model.SpeakerEncoderConfig;
import io.voxtok.plugin.speakerencoder.model.SpeakerEncoderNetwork;
import io.voxtok.training.optim.Adam;
import io.voxtok.training.optim.AdamSettings;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Trains a {@link SpeakerEncoderNetwork} as a classifier of the training speakers with the
 * {@link AdditiveMarginSoftmax} loss (class weights {@code head.weight [S, E]}, dropped at export) and Adam with the
 * configuration's cosine learning-rate schedule, on CPU. Not thread-safe; owns its native memory until
 * {@link #close}.
 */
public final class SpeakerEncoderTrainer implements AutoCloseable {
    /** State-dict key of the AM-softmax class weights (kept in checkpoints, not in exported models). */
    public static final String HEAD = "head.weight";

    private final SpeakerTrainingConfig settings;
    private final List<String> speakers;
    private final NDManager root;
    private final SpeakerEncoderNetwork network;
    private final NDArray head;
    private final Map<String, NDArray> parameters = new LinkedHashMap<>();
    private final Adam adam;
    private long step;

    /**
     * @param settings the training configuration
     * @param speakers the training speakers, sorted; class {@code i} is {@code speakers.get(i)}
     */
    public SpeakerEncoderTrainer(SpeakerTrainingConfig settings, List<String> speakers) {
        this.settings = settings;
        this.speakers = List.copyOf(speakers);
        this.root = PyTorchBackend.newManager(ai.djl.Device.cpu());
        try {
            SpeakerEncoderConfig model = settings.model();
            this.network = SpeakerEncoderNetwork.initialized(model, root.newSubManager(), settings.seed());
            network.namedParameters().forEach((k, p) -> parameters.put(k, p.getArray()));
            long[] headShape = {speakers.size(), model.embeddingDim()};
            this.head = root.create(new FanInUniformInitializer(settings.seed()).values(HEAD, headShape),
                    new Shape(headShape));
            parameters.put(HEAD, head);
            parameters.values().forEach(a -> a.setRequiresGradient(true));
            this.adam = new Adam(parameters, new AdamSettings(settings.beta1(), settings.beta2(), 1e-8, 0, false));
        } catch (RuntimeException e) {
            root.close();
            throw e;
        }
    }

    /** The network being trained. */
    public SpeakerEncoderNetwork network() {
        return network;
    }

    /** The AM-softmax class weights {@code [S, E]}. */
    public NDArray head() {
        return head;
    }

    /** The training speakers (class order). */
    public List<String> speakers() {
        return speakers;
    }

    /** The optimiser (its state goes into checkpoints). */
    public Adam optimizer() {
        return adam;
    }

    /** The training configuration. */
    public SpeakerTrainingConfig settings() {
        return settings;
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
     * @param audio   {@code [B][L]} crops of equal length (zero-padded after {@code lengths})
     * @param lengths valid samples of each crop
     * @param labels  speaker class of each crop
     */
    public SpeakerStepResult trainStep(float[][] audio, int[] lengths, int[] labels) {
        long t0 = System.nanoTime();
        double lr = settings.learningRateAt(step);
        double loss;
        double acc;
        try (NDManager m = root.newSubManager()) {
            NDArray x = m.create(flatten(audio), new Shape(audio.length, 1, audio[0].length));
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray emb = network.embed(x, lengths, true, (float) settings.dropout());
                NDArray cos = AdditiveMarginSoftmax.cosines(emb, head);
                NDArray l = AdditiveMarginSoftmax.loss(cos, labels, (float) settings.margin(), (float) settings.scale());
                for (NDArray p : parameters.values()) {
                    try (NDArray g = p.getGradient()) {
                        g.set(new NDIndex("..."), 0f);
                    }
                }
                gc.backward(l);
                loss = l.getFloat();
                acc = accuracy(cos, labels);
            }
            adam.step(lr);
        }
        step++;
        return new SpeakerStepResult(step, loss, acc, lr, (System.nanoTime() - t0) / 1e9);
    }

    /** Embeddings of whole utterances, one at a time, without gradients. */
    public List<float[]> embed(List<float[]> utterances) {
        List<float[]> out = new ArrayList<>(utterances.size());
        for (float[] a : utterances) {
            try (NDManager m = root.newSubManager()) {
                out.add(network.embed(m.create(a, new Shape(1, 1, a.length)), null, false, 0f).toFloatArray());
            }
        }
        return out;
    }

    private static double accuracy(NDArray cosines, int[] labels) {
        long[] pred;
        try (NDArray am = cosines.argMax(1)) {
            pred = am.toLongArray();
        }
        int right = 0;
        for (int i = 0; i < labels.length; i++) {
            if (pred[i] == labels[i]) {
                right++;
            }
        }
        return right / (double) labels.length;
    }

    private static float[] flatten(float[][] rows) {
        int len = rows[0].length;
        float[] out = new float[rows.length * len];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(rows[i], 0, out, i * len, len);
        }
        return out;
    }

    @Override
    public void close() {
        adam.close();
        root.close();
    }
}
