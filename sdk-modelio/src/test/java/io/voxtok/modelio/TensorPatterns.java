package io.voxtok.modelio;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Deterministic tensors of every dtype whose element {@code i} (row-major) is a simple formula of {@code i}, so that
 * src/test/python/torch_writer_interop.py can recompute them in torch and compare with what Java wrote. Keep the
 * formulas in step with {@code pattern()} in that script. Every float value is a multiple of 0.25 below 3, exact in
 * float16 and bfloat16.
 */
final class TensorPatterns {
    private TensorPatterns() {
    }

    /** The pattern tensor of that dtype and shape. */
    static Tensor of(DType dtype, long... shape) {
        int n = Math.toIntExact(Tensor.numel(shape));
        ByteBuffer b = ByteBuffer.allocate(n * dtype.bytes()).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < n; i++) {
            double f = ((i * 7L) % 23 - 11) * 0.25;
            switch (dtype) {
                case FLOAT32 -> b.putFloat((float) f);
                case FLOAT64 -> b.putDouble(f);
                case FLOAT16 -> b.putShort(half((float) f));
                case BFLOAT16 -> b.putShort((short) (Float.floatToIntBits((float) f) >>> 16));
                case INT64 -> b.putLong((i - 3L) * 1_000_000_007L * 1000L);
                case INT32 -> b.putInt((i - 3) * 100_003);
                case INT16 -> b.putShort((short) ((i * 37) % 200 - 100));
                case INT8 -> b.put((byte) ((i * 5) % 200 - 100));
                case UINT8 -> b.put((byte) ((i * 13) % 256));
                case BOOL -> b.put((byte) (i % 3 == 0 ? 1 : 0));
                default -> throw new IllegalArgumentException(dtype.toString());
            }
        }
        return new Tensor(dtype, shape, b.flip());
    }

    /** float16 bits of a float that float16 holds exactly (zero or normal). */
    static short half(float f) {
        int bits = Float.floatToIntBits(f);
        int sign = (bits >>> 16) & 0x8000;
        if ((bits & 0x7fffffff) == 0) {
            return (short) sign;
        }
        int exp = ((bits >>> 23) & 0xff) - 127 + 15;
        short h = (short) (sign | (exp << 10) | ((bits >>> 13) & 0x3ff));
        if (exp <= 0 || exp >= 31 || Tensor.halfToFloat(h) != f) {
            throw new IllegalArgumentException(f + " is not exactly a normal float16");
        }
        return h;
    }

    /** The raw bytes of a tensor. */
    static byte[] bytes(Tensor t) {
        ByteBuffer b = t.data();
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }
}
