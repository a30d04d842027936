package io.voxtok.plugin.encodec.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.voxtok.modelio.StateDict;
import io.voxtok.nn.ParameterLoader;

/**
 * Weights read from a checkpoint in the official key layout through the shared {@link ParameterLoader}, which
 * reports every missing, mis-shaped and unexpected key at {@link #finish()}.
 */
public final class CheckpointWeights implements WeightSource {
    private final ParameterLoader loader;

    /**
     * @param stateDict checkpoint with official key names (see {@link HfKeyMapping} for the Hugging Face layout)
     * @param manager   owner of the weights
     */
    public CheckpointWeights(StateDict stateDict, NDManager manager) {
        this.loader = new ParameterLoader(stateDict, manager, "EnCodec");
    }

    @Override
    public NDManager manager() {
        return loader.manager();
    }

    @Override
    public NDArray tensor(String key, long... shape) {
        return loader.tensor(key, shape);
    }

    @Override
    public NDArray weightNormed(String prefix, long... shape) {
        return loader.weightNormed(prefix, 0, shape);
    }

    @Override
    public void ignore(String... patterns) {
        loader.ignore(patterns);
    }

    @Override
    public void finish() {
        loader.finish();
    }
}
