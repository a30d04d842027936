package io.voxtok.modelio;

import java.util.function.Supplier;

/**
 * A checkpoint tensor whose element type and shape are known when the file is read and whose data is built on
 * first use, once. A strided view in a PyTorch checkpoint is copied into a dense tensor only when a model asks
 * for it: a checkpoint can declare thousands of keys whose views (stride 0, say) each expand a small storage into
 * gigabytes, and the key check of a model loader refuses those keys without building any of them. Thread-safe.
 */
final class LazyTensor {
    private final DType dtype;
    private final long[] shape;
    private Supplier<Tensor> build;
    private Tensor value;

    private LazyTensor(DType dtype, long[] shape, Supplier<Tensor> build, Tensor value) {
        this.dtype = dtype;
        this.shape = shape.clone();
        this.build = build;
        this.value = value;
    }

    /** An already built tensor. */
    static LazyTensor of(Tensor tensor) {
        return new LazyTensor(tensor.dtype(), tensor.shape(), null, tensor);
    }

    /** A tensor of this type and shape that {@code build} makes on first use. */
    static LazyTensor deferred(DType dtype, long[] shape, Supplier<Tensor> build) {
        return new LazyTensor(dtype, shape, build, null);
    }

    /** Element type, without building the data. */
    DType dtype() {
        return dtype;
    }

    /** Shape (a copy), without building the data. */
    long[] shape() {
        return shape.clone();
    }

    /** The tensor, built now if this is the first use. */
    synchronized Tensor get() {
        if (value == null) {
            value = build.get();
            build = null; // the builder holds the storage view; drop it once it has served
        }
        return value;
    }
}
