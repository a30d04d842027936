package io.voxtok.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.voxtok.modelio.Tensor;

/** Conversions between checkpoint {@link Tensor}s, Java arrays and {@link NDArray}s. */
public final class NdArrays {
    private NdArrays() {
    }

    /** A float32 array on {@code manager}'s device holding the values of {@code tensor} (converted to float32). */
    public static NDArray toFloat32(NDManager manager, Tensor tensor) {
        return manager.create(tensor.toFloatArray(), new Shape(tensor.shape()));
    }

    /** A float32 array of the given shape from row-major values. */
    public static NDArray create(NDManager manager, float[] values, long... shape) {
        return manager.create(values, new Shape(shape));
    }

    /**
     * Stacks mono waveforms of possibly different lengths into a zero-padded {@code (B, 1, maxLength)} batch.
     */
    public static NDArray paddedBatch(NDManager manager, float[][] waveforms) {
        int max = 0;
        for (float[] w : waveforms) {
            max = Math.max(max, w.length);
        }
        float[] flat = new float[waveforms.length * max];
        for (int i = 0; i < waveforms.length; i++) {
            System.arraycopy(waveforms[i], 0, flat, i * max, waveforms[i].length);
        }
        return manager.create(flat, new Shape(waveforms.length, 1, max));
    }

    /** Row-major float values of {@code array}, converted to float32 if needed. */
    public static float[] floats(NDArray array) {
        return array.getDataType() == DataType.FLOAT32 ? array.toFloatArray()
                : array.toType(DataType.FLOAT32, false).toFloatArray();
    }

    /** Size of axis {@code axis} as an int. */
    public static int dim(NDArray array, int axis) {
        return Math.toIntExact(array.getShape().get(axis < 0 ? array.getShape().dimension() + axis : axis));
    }

    /**
     * Overwrites {@code target} in place with a tensor's values (converted to the target's data type); the
     * array keeps its identity, so parameters registered elsewhere (optimisers) see the new values.
     */
    public static void copyInto(NDArray target, Tensor values) {
        NDManager m = target.getManager();
        try (NDArray f = m.create(values.toFloatArray(), new Shape(values.shape()));
             NDArray src = f.toType(target.getDataType(), false)) {
            target.set(new ai.djl.ndarray.index.NDIndex("..."), src);
        }
    }

    /** A tensor with the values of {@code array}: float32 arrays as float32, integer arrays as int64. */
    public static Tensor toTensor(NDArray array) {
        long[] shape = array.getShape().getShape();
        DataType t = array.getDataType();
        if (t == DataType.INT64 || t == DataType.INT32 || t == DataType.INT8 || t == DataType.UINT8
                || t == DataType.BOOLEAN) {
            try (NDArray l = array.toType(DataType.INT64, false)) {
                return Tensor.ofLongs(l.toLongArray(), shape);
            }
        }
        return Tensor.ofFloats(floats(array), shape);
    }

    /**
     * A new handle on the same values that keeps the autograd graph: DJL's {@code duplicate()} on the PyTorch
     * engine detaches its copy, which silently cuts gradients, so training code must use this instead.
     * Closing the alias does not free {@code x}.
     */
    public static NDArray alias(NDArray x) {
        return x.reshape(x.getShape());
    }


    /**
     * A copy of {@code created} in memory the engine allocated itself; {@code created} is closed. On the PyTorch
     * engine an array made from Java data ({@code NDManager.create(long[])} and friends) wraps a direct buffer that
     * only its Java object keeps alive. Autograd saves some inputs for the backward pass (indices of {@code get} and
     * {@code gather}, conditions of {@code where}, divisors); once the Java object is closed or collected, the buffer
     * can be freed and reused while the graph still points at it, and backward then reads garbage (seen as "index
     * ... is out of bounds" errors or wrong gradients). Constants that enter a differentiable computation must
     * therefore be engine-owned. The copy does not require gradients.
     */
    public static NDArray engineOwned(NDArray created) {
        try (created) {
            return created.duplicate();
        }
    }

    /**
     * {@code x * v} with the scalar held in engine memory. DJL's {@code x.mul(Number)} makes the scalar from a Java
     * buffer and closes it at once, but autograd saves it for the backward pass (the gradient of a product needs the
     * other factor), so after a garbage collection backward would read freed memory. Use this (and the siblings
     * below) for every scalar operation that can be part of a differentiable computation.
     */
    public static NDArray mul(NDArray x, double v) {
        try (NDArray s = scalarLike(x, v)) {
            return x.mul(s);
        }
    }

    /** {@code x / v}, scalar in engine memory (see {@link #mul(NDArray, double)}). */
    public static NDArray div(NDArray x, double v) {
        try (NDArray s = scalarLike(x, v)) {
            return x.div(s);
        }
    }

    /** {@code x ^ v}, scalar in engine memory (see {@link #mul(NDArray, double)}). */
    public static NDArray pow(NDArray x, double v) {
        try (NDArray s = scalarLike(x, v)) {
            return x.pow(s);
        }
    }

    /** Element-wise {@code max(x, v)}, scalar in engine memory (see {@link #mul(NDArray, double)}). */
    public static NDArray maximum(NDArray x, double v) {
        try (NDArray s = scalarLike(x, v)) {
            return x.maximum(s);
        }
    }

    /** Element-wise {@code min(x, v)}, scalar in engine memory (see {@link #mul(NDArray, double)}). */
    public static NDArray minimum(NDArray x, double v) {
        try (NDArray s = scalarLike(x, v)) {
            return x.minimum(s);
        }
    }

    /** A 0-d array of {@code x}'s type on {@code x}'s manager, allocated by the engine. */
    private static NDArray scalarLike(NDArray x, double v) {
        NDManager m = x.getManager();
        DataType t = x.getDataType();
        if (t == DataType.FLOAT32) {
            return engineOwned(m.create((float) v));
        }
        if (t == DataType.FLOAT64) {
            return engineOwned(m.create(v));
        }
        try (NDArray d = m.create(v)) {
            return d.toType(t, true); // a conversion copies into engine memory
        }
    }
}
