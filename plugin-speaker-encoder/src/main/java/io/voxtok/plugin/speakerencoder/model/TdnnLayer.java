package io.voxtok.plugin.speakerencoder.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import io.voxtok.nn.ParameterLoader;
import io.voxtok.nn.StateDictBlock;

/**
 * One frame layer of an x-vector (a time-delay layer): {@code Conv1d(in, out, k, dilation d, padding d (k - 1) / 2)}
 * followed by ReLU, so the frame count is kept and output frame {@code t} sees input frames
 * {@code t - d (k-1)/2 .. t + d (k-1)/2} in steps of {@code d}. Parameters {@code weight [out, in, k]} and
 * {@code bias [out]}. Thread-safe when not training.
 */
public final class TdnnLayer extends StateDictBlock {
    private final Parameter weight;
    private final Parameter bias;
    private final Shape padding;
    private final Shape dilation;
    private final Shape unit = new Shape(1);

    /**
     * @param weight   {@code [out, in, k]}, k odd
     * @param bias     {@code [out]}
     * @param dilation spacing of the kernel taps in frames
     */
    public TdnnLayer(NDArray weight, NDArray bias, int dilation) {
        if (weight.getShape().dimension() != 3 || weight.getShape().get(2) % 2 == 0 || dilation < 1) {
            throw new IllegalArgumentException("TDNN weight must be [out, in, k] with k odd and dilation >= 1, got "
                    + weight.getShape() + ", dilation " + dilation);
        }
        this.weight = parameter("weight", weight);
        this.bias = parameter("bias", bias);
        this.padding = new Shape(dilation * (weight.getShape().get(2) / 2));
        this.dilation = new Shape(dilation);
    }

    /** Loads {@code prefix + "weight"} and {@code prefix + "bias"}. */
    public static TdnnLayer load(ParameterLoader loader, String prefix, int in, int out, int kernel, int dilation) {
        NDArray w = loader.tensor(prefix + "weight", out, in, kernel);
        NDArray b = loader.tensor(prefix + "bias", out);
        return new TdnnLayer(w, b, dilation);
    }

    /** {@inheritDoc} Input {@code (B, in, T)}, output {@code (B, out, T)}. */
    @Override
    public NDArray forward(NDArray x, boolean training) {
        try (NDArray y = x.getNDArrayInternal().convolution(x, weight.getArray(), bias.getArray(), unit, padding,
                dilation, 1).singletonOrThrow()) {
            return Activation.relu(y);
        }
    }
}
