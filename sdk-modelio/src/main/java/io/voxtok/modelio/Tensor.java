package io.voxtok.modelio;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Objects;

/**
 * A dense tensor read from a checkpoint or {@code .npy}: element type, shape and little-endian row-major data.
 * Immutable: the data buffer is read-only and conversions return new arrays.
 */
public final class Tensor {
    private final DType dtype;
    private final long[] shape;
    private final ByteBuffer data;

    /**
     * @param dtype element type
     * @param shape dimensions (empty for a scalar)
     * @param data  row-major little-endian bytes, exactly {@code numel * dtype.bytes()} long
     */
    public Tensor(DType dtype, long[] shape, ByteBuffer data) {
        this.dtype = Objects.requireNonNull(dtype);
        this.shape = shape.clone();
        long n = numel(shape);
        if ((long) data.remaining() != n * dtype.bytes()) {
            throw new IllegalArgumentException("tensor of shape " + Arrays.toString(shape) + " and " + dtype
                    + " needs " + n * dtype.bytes() + " bytes, got " + data.remaining());
        }
        this.data = data.slice().order(ByteOrder.LITTLE_ENDIAN).asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN);
    }

    /** A float32 tensor (copies). */
    public static Tensor ofFloats(float[] values, long... shape) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(values);
        return new Tensor(DType.FLOAT32, shape, b);
    }

    /** An int64 tensor (copies). */
    public static Tensor ofLongs(long[] values, long... shape) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        b.asLongBuffer().put(values);
        return new Tensor(DType.INT64, shape, b);
    }

    /** Number of elements of a shape. */
    public static long numel(long[] shape) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return n;
    }

    /** Element type. */
    public DType dtype() {
        return dtype;
    }

    /** Shape (copy). */
    public long[] shape() {
        return shape.clone();
    }

    /** Shape as ints (copy). */
    public int[] intShape() {
        return Arrays.stream(shape).mapToInt(Math::toIntExact).toArray();
    }

    /** Number of elements. */
    public long numel() {
        return numel(shape);
    }

    /** Read-only little-endian view of the raw bytes. */
    public ByteBuffer data() {
        return data.duplicate().order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Values as float32 (converting float16/bfloat16/float64/integers). */
    public float[] toFloatArray() {
        int n = Math.toIntExact(numel());
        float[] out = new float[n];
        ByteBuffer b = data();
        switch (dtype) {
            case FLOAT32 -> b.asFloatBuffer().get(out);
            case FLOAT64 -> { for (int i = 0; i < n; i++) { out[i] = (float) b.getDouble(i * 8); } }
            case FLOAT16 -> { for (int i = 0; i < n; i++) { out[i] = halfToFloat(b.getShort(i * 2)); } }
            case BFLOAT16 -> { for (int i = 0; i < n; i++) { out[i] = Float.intBitsToFloat((b.getShort(i * 2) & 0xffff) << 16); } }
            case INT64 -> { for (int i = 0; i < n; i++) { out[i] = b.getLong(i * 8); } }
            case INT32 -> { for (int i = 0; i < n; i++) { out[i] = b.getInt(i * 4); } }
            case INT16 -> { for (int i = 0; i < n; i++) { out[i] = b.getShort(i * 2); } }
            case INT8 -> { for (int i = 0; i < n; i++) { out[i] = b.get(i); } }
            case UINT8, BOOL -> { for (int i = 0; i < n; i++) { out[i] = b.get(i) & 0xff; } }
            default -> throw new IllegalStateException(dtype.toString());
        }
        return out;
    }

    /** Values as int64 (integer types only; floats are refused). */
    public long[] toLongArray() {
        int n = Math.toIntExact(numel());
        long[] out = new long[n];
        ByteBuffer b = data();
        switch (dtype) {
            case INT64 -> b.asLongBuffer().get(out);
            case INT32 -> { for (int i = 0; i < n; i++) { out[i] = b.getInt(i * 4); } }
            case INT16 -> { for (int i = 0; i < n; i++) { out[i] = b.getShort(i * 2); } }
            case INT8 -> { for (int i = 0; i < n; i++) { out[i] = b.get(i); } }
            case UINT8, BOOL -> { for (int i = 0; i < n; i++) { out[i] = b.get(i) & 0xff; } }
            default -> throw new IllegalStateException("tensor of " + dtype + " is not an integer tensor");
        }
        return out;
    }

    /** IEEE 754 binary16 to float32 (Java 17 has no {@code Float.float16ToFloat}). */
    static float halfToFloat(short h) {
        int bits = h & 0xffff;
        int sign = (bits & 0x8000) << 16;
        int exp = (bits >>> 10) & 0x1f;
        int mant = bits & 0x3ff;
        if (exp == 0) {
            // zero or subnormal: mant * 2^-24
            float v = mant * 0x1p-24f;
            return sign == 0 ? v : -v;
        }
        if (exp == 31) {
            return Float.intBitsToFloat(sign | 0x7f800000 | (mant << 13));
        }
        return Float.intBitsToFloat(sign | ((exp + 112) << 23) | (mant << 13));
    }

    @Override
    public String toString() {
        return "Tensor[" + dtype + " " + Arrays.toString(shape) + "]";
    }
}
