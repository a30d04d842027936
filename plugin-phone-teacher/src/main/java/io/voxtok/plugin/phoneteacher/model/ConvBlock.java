package io.voxtok.plugin.phoneteacher.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import io.voxtok.nn.ParameterLoader;
import io.voxtok.nn.StateDictBlock;

/**
 * One convolution block of the phone teacher: {@code Conv1d(in, out, k, padding = k / 2)} followed by ReLU, so the
 * frame count is kept (zero "same" padding) and frame {@code t} of the output sees frames {@code t +- k/2} of the
 * input. Parameters {@code weight [out, in, k]} and {@code bias [out]}. Thread-safe when not training.
 */
public final class ConvBlock extends StateDictBlock {
    private final Parameter weight;
    private final Parameter bias;
    private final Shape padding;
    private final Shape unit = new Shape(1);

    /**
     * @param weight {@code [out, in, k]}, k odd
     * @param bias   {@code [out]}
     */
    public ConvBlock(NDArray weight, NDArray bias) {
        if (weight.getShape().dimension() != 3 || weight.getShape().get(2) % 2 == 0) {
            throw new IllegalArgumentException("conv weight must be [out, in, k] with k odd, got " + weight.getShape());
        }
        this.weight = parameter("weight", weight);
        this.bias = parameter("bias", bias);
        this.padding = new Shape(weight.getShape().get(2) / 2);
    }

    /** Loads {@code prefix + "weight"} and {@code prefix + "bias"}. */
    public static ConvBlock load(ParameterLoader loader, String prefix, int in, int out, int kernel) {
        NDArray w = loader.tensor(prefix + "weight", out, in, kernel);
        NDArray b = loader.tensor(prefix + "bias", out);
        return new ConvBlock(w, b);
    }

    /** {@inheritDoc} Input {@code (B, in, T)}, output {@code (B, out, T)}. */
    @Override
    public NDArray forward(NDArray x, boolean training) {
        try (NDArray y = x.getNDArrayInternal().convolution(x, weight.getArray(), bias.getArray(), unit, padding, unit, 1)
                .singletonOrThrow()) {
            return Activation.relu(y);
        }
    }
}
