package io.voxtok.training.discriminator;

import ai.djl.ndarray.NDArray;
import io.voxtok.nn.StateDictBlock;

import java.util.List;

/**
 * A {@code torch.nn.ModuleList}: children named {@code "0"}, {@code "1"}, ... in order. It only names things;
 * the owner decides how its layers are applied.
 */
final class LayerList<B extends StateDictBlock> extends StateDictBlock {
    private final List<B> layers;

    LayerList(List<B> layers) {
        this.layers = List.copyOf(layers);
        for (int i = 0; i < this.layers.size(); i++) {
            child(Integer.toString(i), this.layers.get(i));
        }
    }

    /** The layers in order. */
    List<B> layers() {
        return layers;
    }

    /** Layer {@code i}. */
    B get(int i) {
        return layers.get(i);
    }

    /** Number of layers. */
    int size() {
        return layers.size();
    }

    @Override
    public NDArray forward(NDArray x, boolean training) {
        throw new UnsupportedOperationException("a layer list has no forward of its own");
    }
}
