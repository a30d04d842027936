package io.voxtok.nn.conv;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;

/**
 * Padding of the last axis as SEANet's {@code pad1d} does it (SPEC 1.1).
 *
 * <p>Reflect padding needs more samples than it adds; for inputs with {@code L <= max(left, right)} the signal
 * is first extended with {@code max(left, right) - L + 1} zeros on the right, reflected, and those extra
 * trailing samples are cut again — so very short inputs reflect zeros rather than failing.
 */
public final class Padding1d {
    private Padding1d() {
    }

    /**
     * Pads the last axis.
     *
     * @param x     input {@code (..., L)}, not modified
     * @param left  samples added before
     * @param right samples added after
     * @param mode  fill mode
     * @return {@code (..., left + L + right)}, attached to {@code x}'s manager
     */
    public static NDArray pad(NDArray x, int left, int right, PaddingMode mode) {
        if (left < 0 || right < 0) {
            throw new IllegalArgumentException("negative padding " + left + ", " + right);
        }
        if (left == 0 && right == 0) {
            return io.voxtok.nn.NdArrays.alias(x);
        }
        if (mode == PaddingMode.ZERO) {
            return zeroPad(x, left, right);
        }
        int length = lastDim(x);
        int maxPad = Math.max(left, right);
        int extra = 0;
        NDArray src = x;
        if (length <= maxPad) {
            extra = maxPad - length + 1;
            src = zeroPad(x, 0, extra);
        }
        NDArray padded = reflect(src, left, right);
        if (extra == 0) {
            return padded;
        }
        NDArray cut = padded.get(new NDIndex("..., :{}", lastDim(padded) - extra));
        src.close();
        padded.close();
        return cut;
    }

    /** Reflect padding; requires {@code left, right < L}. */
    private static NDArray reflect(NDArray x, int left, int right) {
        int length = lastDim(x);
        NDList parts = new NDList(3);
        if (left > 0) {
            // samples x[left], ..., x[1]
            parts.add(x.get(new NDIndex("..., 1:{}", left + 1)).flip(-1));
        }
        parts.add(x);
        if (right > 0) {
            // samples x[L-2], ..., x[L-1-right]
            parts.add(x.get(new NDIndex("..., {}:{}", length - 1 - right, length - 1)).flip(-1));
        }
        NDArray out = NDArrays.concat(parts, x.getShape().dimension() - 1);
        for (NDArray p : parts) {
            if (p != x) {
                p.close();
            }
        }
        return out;
    }

    private static NDArray zeroPad(NDArray x, int left, int right) {
        NDList parts = new NDList(3);
        long[] shape = x.getShape().getShape().clone(); // getShape() exposes the cached array
        if (left > 0) {
            shape[shape.length - 1] = left;
            parts.add(x.getManager().zeros(new Shape(shape), x.getDataType()));
        }
        parts.add(x);
        if (right > 0) {
            shape[shape.length - 1] = right;
            parts.add(x.getManager().zeros(new Shape(shape), x.getDataType()));
        }
        NDArray out = NDArrays.concat(parts, x.getShape().dimension() - 1);
        for (NDArray p : parts) {
            if (p != x) {
                p.close();
            }
        }
        return out;
    }

    private static int lastDim(NDArray x) {
        Shape s = x.getShape();
        return Math.toIntExact(s.get(s.dimension() - 1));
    }
}
