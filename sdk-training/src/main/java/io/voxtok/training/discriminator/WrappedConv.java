package io.voxtok.training.discriminator;

import ai.djl.ndarray.NDArray;
import io.voxtok.nn.StateDictBlock;

/**
 * EnCodec's {@code NormConv2d}: a module whose convolution sits in a child named {@code conv} (its {@code norm}
 * child is an identity without tensors), hence keys such as {@code convs.1.conv.weight_v}.
 */
final class WrappedConv extends StateDictBlock {
    private final NormedConv conv;

    WrappedConv(NormedConv conv) {
        this.conv = child("conv", conv);
    }

    @Override
    public NDArray forward(NDArray x, boolean training) {
        return conv.forward(x, training);
    }
}
