package io.voxtok.nn.conv;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;

/**
 * A stride-1 {@code conv1d} with the same reflect padding {@code p} on both sides, without the padded copy of its
 * input: the engine's own zero padding gives every output frame except the first and last {@code p}, and those
 * are recomputed from a short reflect-padded slice at each end and written over. Why: SEANet's residual
 * convolutions (kernel 3, {@code p = 1}) and its kernel-7 convolutions at 24 kHz pad activations of 15-30 MB, and
 * the copy costs about a quarter of the convolution; the edges cost two convolutions over {@code 3p} frames.
 * The frames are the same sums as over the padded copy; only their order of addition may differ.
 */
public final class ReflectPaddedConv1d {
    private static final Shape UNIT = new Shape(1);

    private ReflectPaddedConv1d() {
    }

    /**
     * Whether an input of {@code length} frames takes this path: padding {@code p > 0} on both sides and
     * {@code length > 2p}, so that each end's slice of {@code 2p} frames reflects as the whole input does.
     */
    public static boolean fits(int length, int left, int right) {
        return left == right && left > 0 && length > 2 * left;
    }

    /**
     * The convolution of the reflect-padded input.
     *
     * @param x        {@code (B, in, L)} with {@link #fits} true; not modified
     * @param weight   {@code [out, in, k]}, effective kernel {@code (k - 1) * dilation + 1 = 2p + 1}
     * @param bias     {@code [out]} or {@code null}
     * @param pad      {@code p}
     * @param dilation dilation
     * @return {@code (B, out, L)}, attached to {@code x}'s manager
     */
    public static NDArray forward(NDArray x, NDArray weight, NDArray bias, int pad, int dilation) {
        int length = Math.toIntExact(x.getShape().get(2));
        Shape dil = new Shape(dilation);
        NDArray y = x.getNDArrayInternal()
                .convolution(x, weight, bias, UNIT, new Shape(pad), dil, 1).singletonOrThrow();
        try (NDArray head = x.get(new NDIndex("..., :{}", 2 * pad));
             NDArray headPadded = Padding1d.pad(head, pad, 0, PaddingMode.REFLECT);
             NDArray first = conv(headPadded, weight, bias, dil);
             NDArray tail = x.get(new NDIndex("..., {}:", length - 2 * pad));
             NDArray tailPadded = Padding1d.pad(tail, 0, pad, PaddingMode.REFLECT);
             NDArray last = conv(tailPadded, weight, bias, dil)) {
            y.set(new NDIndex("..., :{}", pad), first);
            y.set(new NDIndex("..., {}:", length - pad), last);
            return y;
        } catch (RuntimeException e) {
            y.close();
            throw e;
        }
    }

    private static NDArray conv(NDArray x, NDArray weight, NDArray bias, Shape dilation) {
        return x.getNDArrayInternal()
                .convolution(x, weight, bias, UNIT, new Shape(0), dilation, 1).singletonOrThrow();
    }
}
