package io.voxtok.plugin.encodec.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * Where the builder takes the model's tensors from: a checkpoint ({@link CheckpointWeights}) or seeded random
 * values for speed tests ({@link RandomWeights}). Used once, while a model is built; not thread-safe.
 */
public interface WeightSource {
    /** The manager that owns the weights. */
    NDManager manager();

    /** A float32 tensor of the given shape. */
    NDArray tensor(String key, long... shape);

    /**
     * A convolution weight stored with weight norm ({@code prefix + "weight_g"} and {@code prefix + "weight_v"},
     * folded once, norm over every axis except 0).
     */
    NDArray weightNormed(String prefix, long... shape);

    /** Declares checkpoint keys that may be present and are not used (codebook training buffers). */
    void ignore(String... patterns);

    /** Checks that every key was used; called after building. */
    void finish();
}
