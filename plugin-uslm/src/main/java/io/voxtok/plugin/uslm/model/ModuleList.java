package io.voxtok.plugin.uslm.model;

import ai.djl.ndarray.NDArray;
import io.voxtok.nn.StateDictBlock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** {@code nn.ModuleList}: children named {@code 0 .. n-1}; not callable itself. */
public final class ModuleList<B extends StateDictBlock> extends StateDictBlock {
    private final List<B> items = new ArrayList<>();

    /** @param blocks the entries in order */
    public ModuleList(List<B> blocks) {
        for (B b : blocks) {
            items.add(child(Integer.toString(items.size()), b));
        }
    }

    /** Entry {@code i}. */
    public B get(int i) {
        return items.get(i);
    }

    /** Number of entries. */
    public int size() {
        return items.size();
    }

    /** The entries (unmodifiable). */
    public List<B> items() {
        return Collections.unmodifiableList(items);
    }

    @Override
    public NDArray forward(NDArray x, boolean training) {
        throw new UnsupportedOperationException("a ModuleList is not callable; call its entries");
    }
}
