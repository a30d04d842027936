package io.voxtok.audio;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Converts little-endian WAV sample bytes to float32 and back, for each {@link WavSampleFormat}.
 * Integers are scaled by 2<sup>bits-1</sup> in both directions, so an integer that was read is written back
 * unchanged.
 */
final class PcmCodec {
    private static final double SCALE_U8 = 128.0;
    private static final double SCALE_S16 = 32768.0;
    private static final double SCALE_S24 = 8388608.0;
    private static final double SCALE_S32 = 2147483648.0;

    private PcmCodec() {
    }

    /**
     * Decodes {@code count} samples from {@code in} (little-endian, positioned at the first sample) into
     * {@code out[offset ..]}.
     */
    static void decode(WavSampleFormat format, ByteBuffer in, int count, float[] out, int offset) {
        ByteBuffer b = in.order(ByteOrder.LITTLE_ENDIAN);
        int end = offset + count;
        switch (format) {
            case PCM_U8:
                for (int i = offset; i < end; i++) {
                    out[i] = (float) (((b.get() & 0xFF) - 128) / SCALE_U8);
                }
                break;
            case PCM_S16:
                for (int i = offset; i < end; i++) {
                    out[i] = (float) (b.getShort() / SCALE_S16);
                }
                break;
            case PCM_S24:
                for (int i = offset; i < end; i++) {
                    int lo = b.get() & 0xFF;
                    int mid = b.get() & 0xFF;
                    int hi = b.get(); // sign-extends the top byte
                    out[i] = (float) (((hi << 16) | (mid << 8) | lo) / SCALE_S24);
                }
                break;
            case PCM_S32:
                for (int i = offset; i < end; i++) {
                    // float(int32) / 2^31 and float(int32 / 2^31) round identically: dividing by a power of 2 is exact.
                    out[i] = (float) (b.getInt() / SCALE_S32);
                }
                break;
            case FLOAT32:
                for (int i = offset; i < end; i++) {
                    out[i] = b.getFloat();
                }
                break;
            case FLOAT64:
                for (int i = offset; i < end; i++) {
                    out[i] = (float) b.getDouble();
                }
                break;
            default:
                throw new IllegalStateException("unhandled format " + format);
        }
    }

    /**
     * Encodes {@code count} samples {@code in[offset ..]} into {@code out} (little-endian). Integer formats
     * round {@code x * 2^(bits-1)} to the nearest integer (ties to even) and clip to the format's range, so
     * everything at or above {@code 1 - 2^-(bits-1)} becomes the largest code.
     */
    static void encode(WavSampleFormat format, float[] in, int offset, int count, ByteBuffer out) {
        ByteBuffer b = out.order(ByteOrder.LITTLE_ENDIAN);
        int end = offset + count;
        switch (format) {
            case PCM_U8:
                for (int i = offset; i < end; i++) {
                    b.put((byte) (quantize(in[i], SCALE_U8, -128, 127) + 128));
                }
                break;
            case PCM_S16:
                for (int i = offset; i < end; i++) {
                    b.putShort((short) quantize(in[i], SCALE_S16, Short.MIN_VALUE, Short.MAX_VALUE));
                }
                break;
            case PCM_S24:
                for (int i = offset; i < end; i++) {
                    long v = quantize(in[i], SCALE_S24, -8388608, 8388607);
                    b.put((byte) v).put((byte) (v >> 8)).put((byte) (v >> 16));
                }
                break;
            case PCM_S32:
                for (int i = offset; i < end; i++) {
                    b.putInt((int) quantize(in[i], SCALE_S32, Integer.MIN_VALUE, Integer.MAX_VALUE));
                }
                break;
            case FLOAT32:
                for (int i = offset; i < end; i++) {
                    b.putFloat(in[i]);
                }
                break;
            case FLOAT64:
                for (int i = offset; i < end; i++) {
                    b.putDouble(in[i]);
                }
                break;
            default:
                throw new IllegalStateException("unhandled format " + format);
        }
    }

    private static long quantize(float x, double scale, long min, long max) {
        double v = Math.rint(x * scale);
        if (v <= min) {
            return min;
        }
        if (v >= max) {
            return max;
        }
        return (long) v;
    }
}
