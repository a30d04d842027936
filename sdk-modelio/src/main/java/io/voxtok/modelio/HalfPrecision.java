package io.voxtok.modelio;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * IEEE 754 binary16 storage of float32 weights: halves a checkpoint's size (shipped models stay small) at a
 * relative rounding error of at most 2^-11 for normal values. Readers turn float16 back into float32
 * ({@link Tensor#toFloatArray}), so a half-precision model computes in float32.
 */
public final class HalfPrecision {
    private HalfPrecision() {
    }

    /** The float16 value nearest to {@code f} (ties to even; overflow to infinity; NaN stays NaN). */
    public static short toHalf(float f) {
        int bits = Float.floatToRawIntBits(f);
        int sign = (bits >>> 16) & 0x8000;
        int exp = (bits >>> 23) & 0xff;
        int mant = bits & 0x7fffff;
        if (exp == 0xff) {
            return (short) (sign | 0x7c00 | (mant != 0 ? 0x200 : 0));
        }
        int e = exp - 127 + 15;
        if (e >= 31) {
            return (short) (sign | 0x7c00);
        }
        if (e <= 0) {
            if (e < -10) {
                return (short) sign;
            }
            // subnormal half: shift the mantissa with its implicit 1, rounding to nearest even
            int m = mant | 0x800000;
            int shift = 14 - e;
            int half = m >>> shift;
            int rem = m & ((1 << shift) - 1);
            int mid = 1 << (shift - 1);
            if (rem > mid || (rem == mid && (half & 1) != 0)) {
                half++;
            }
            return (short) (sign | half);
        }
        int half = (e << 10) | (mant >>> 13);
        int rem = mant & 0x1fff;
        if (rem > 0x1000 || (rem == 0x1000 && (half & 1) != 0)) {
            half++; // may carry into the exponent, which is the correct rounding up to the next binade
        }
        return (short) (sign | half);
    }

    /** A float32 tensor as float16; tensors of other types are returned unchanged. */
    public static Tensor toHalf(Tensor t) {
        if (t.dtype() != DType.FLOAT32) {
            return t;
        }
        float[] v = t.toFloatArray();
        ByteBuffer b = ByteBuffer.allocate(v.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < v.length; i++) {
            b.putShort(i * 2, toHalf(v[i]));
        }
        return new Tensor(DType.FLOAT16, t.shape(), b);
    }

    /** Every float32 tensor of {@code dict} as float16, in the dict's key order. */
    public static Map<String, Tensor> toHalf(StateDict dict) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (String k : dict.keys()) {
            out.put(k, toHalf(dict.get(k)));
        }
        return out;
    }
}
