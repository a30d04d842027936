package io.voxtok.plugin.slmtokbench.alignment;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import io.voxtok.nn.ParameterLoader;
import io.voxtok.nn.StateDictBlock;
import io.voxtok.nn.linear.Linear;
import io.voxtok.nn.recurrent.Lstm;

/**
 * The probe network {@code q(y|x)}: one embedding table per codebook layer ({@code embed.k.weight}), the per-frame
 * embeddings summed (or concatenated, {@link InputCombination}), a stacked BiLSTM ({@code lstm.*}) and a linear layer
 * ({@code proj.*}) to the character classes plus blank, then {@code log_softmax}. Differentiable end to end.
 */
final class BiLstmCtcNetwork extends StateDictBlock {
    private final Parameter[] embeddings;
    private final Lstm lstm;
    private final Linear projection;
    private final InputCombination combination;

    private BiLstmCtcNetwork(NDArray[] tables, Lstm lstm, Linear projection, InputCombination combination) {
        this.embeddings = new Parameter[tables.length];
        for (int k = 0; k < tables.length; k++) {
            embeddings[k] = parameter("embed." + k + ".weight", tables[k]);
        }
        this.lstm = child("lstm", lstm);
        this.projection = child("proj", projection);
        this.combination = combination;
    }

    /**
     * A freshly initialised network ({@link ProbeInitializer}) with float32 parameters on {@code manager}.
     *
     * @param codebookSizes token vocabulary size of each codebook layer
     * @param classes       output classes, blank included
     */
    static BiLstmCtcNetwork initialized(NDManager manager, int[] codebookSizes, ProbePreset preset, int classes,
                                        long seed) {
        int e = preset.embeddingSize();
        int h = preset.hiddenSize();
        ParameterLoader loader = ParameterLoader.initializing(manager, "text-alignment-probe",
                new ProbeInitializer(seed, h, 2 * h));
        NDArray[] tables = new NDArray[codebookSizes.length];
        for (int k = 0; k < tables.length; k++) {
            tables[k] = loader.tensor("embed." + k + ".weight", codebookSizes[k], e);
        }
        int lstmInput = preset.combination() == InputCombination.SUM ? e : e * codebookSizes.length;
        Lstm lstm = Lstm.load(loader, "lstm.", lstmInput, h, preset.lstmLayers(), true);
        Linear proj = Linear.load(loader, "proj.", 2 * h, classes);
        return new BiLstmCtcNetwork(tables, lstm, proj, preset.combination());
    }

    /** Number of trainable values. */
    long parameterCount() {
        long n = 0;
        for (Parameter p : namedParameters().values()) {
            n += p.getArray().size();
        }
        return n;
    }

    /**
     * Log-probabilities of the classes per frame.
     *
     * @param tokens   {@code (T, B, layers)} int64 token ids, padded past each item's length
     * @param lengths  valid frames per item, or {@code null} when all are {@code T}
     * @param training whether autograd records (no dropout either way)
     * @return {@code (T, B, classes)}
     */
    NDArray logProbs(NDArray tokens, int[] lengths, boolean training) {
        Shape s = tokens.getShape();
        long steps = s.get(0);
        long batch = s.get(1);
        NDList perLayer = new NDList(embeddings.length);
        for (int k = 0; k < embeddings.length; k++) {
            NDArray ids = tokens.get(new NDIndex(":, :, {}", k)).reshape(steps * batch);
            NDArray table = embeddings[k].getArray();
            perLayer.add(table.get(new NDIndex("{}", ids)).reshape(steps, batch, table.getShape().get(1)));
        }
        NDArray x;
        if (perLayer.size() == 1) {
            x = perLayer.get(0);
        } else if (combination == InputCombination.SUM) {
            x = NDArrays.add(perLayer.toArray(new NDArray[0]));
        } else {
            x = NDArrays.concat(perLayer, 2);
        }
        NDArray hidden = lstm.forward(x, lengths, training);
        return projection.forward(hidden, training).logSoftmax(2);
    }

    /** {@inheritDoc} {@code x}: {@code (T, B, layers)} int64 tokens, all items of length {@code T}. */
    @Override
    public NDArray forward(NDArray x, boolean training) {
        return logProbs(x, null, training);
    }
}
