package io.voxtok.audio;

import io.voxtok.api.VoxtokException;
import io.voxtok.api.audio.AudioBuffer;
import io.voxtok.modelio.AtomicFiles;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Writes an {@link AudioBuffer} as a WAV file, atomically through {@link AtomicFiles}: the file is written to a
 * temporary file in the target's directory, flushed to disk, then moved over the target. On any failure the
 * temporary file is deleted and the target is left as it was.
 *
 * <p><b>Encodings.</b> 16-bit PCM by default; any {@link WavSampleFormat} on request. Integer formats round
 * {@code x * 2^(bits-1)} to the nearest integer (ties to even) and clip to the format's range, i.e. the input is
 * clipped to {@code [-1, 1 - 2^-(bits-1)]}; samples read from an integer WAV file therefore write back bit-exactly.
 * Float formats store the values unchanged (no clipping). Audio with NaN or infinite samples is refused.
 *
 * <p><b>Header.</b> PCM with up to two channels: a plain 16-byte {@code fmt } chunk (format tag 1), byte for byte
 * what Python's {@code wave} module writes. PCM with more channels: a {@code WAVE_FORMAT_EXTENSIBLE} {@code fmt }
 * chunk with an unspecified channel mask. Float, any channel count: an 18-byte {@code fmt } chunk with format tag 3
 * plus the {@code fact} chunk the RIFF specification asks for (the layout sox writes). Files over 4 GiB (the RIFF
 * limit) are refused.
 */
public final class WavWriter {
    private static final int WAVE_FORMAT_EXTENSIBLE = 0xFFFE;
    private static final int WRITE_BLOCK_SAMPLES = 1 << 16;
    private static final long UINT32_MAX = 0xFFFF_FFFFL;

    private WavWriter() {
    }

    /** Writes {@code audio} to {@code target} as 16-bit PCM (see the class comment for rounding and clipping). */
    public static void write(Path target, AudioBuffer audio) {
        write(target, audio, WavSampleFormat.PCM_S16);
    }

    /**
     * Writes {@code audio} to {@code target} in {@code format}, replacing any existing file.
     *
     * @throws VoxtokException {@code USER_INPUT} for non-finite samples, audio too long for RIFF, or a target path
     *     that cannot hold a file (a parent that is a file, a directory in the way); {@code ENVIRONMENT} for other
     *     I/O failures
     */
    public static void write(Path target, AudioBuffer audio, WavSampleFormat format) {
        if (audio.hasNonFinite()) {
            throw AudioFileErrors.badInput(target, "cannot write audio with NaN or infinite samples");
        }
        byte[] header = header(target, audio, format);
        AtomicFiles.write(target, out -> {
            out.write(header);
            writeSamples(out, audio, format);
        });
    }

    private static byte[] header(Path target, AudioBuffer audio, WavSampleFormat format) {
        int channels = audio.channels();
        long frames = audio.frames();
        int blockAlign = channels * format.bytesPerSample();
        long dataBytes = frames * blockAlign;
        // Float keeps the plain tag 3 at any channel count, as sox does (sox warns on extensible float headers).
        boolean extensible = channels > 2 && !format.isFloatingPoint();
        boolean fact = format.isFloatingPoint();
        int fmtSize = extensible ? 40 : format.isFloatingPoint() ? 18 : 16;
        int headerSize = 12 + 8 + fmtSize + (fact ? 12 : 0) + 8;
        long riffSize = headerSize - 8 + dataBytes + (dataBytes & 1);
        if (riffSize > UINT32_MAX || frames > UINT32_MAX) {
            throw AudioFileErrors.badInput(target, "audio too long for a WAV file (" + dataBytes
                    + " data bytes; the RIFF limit is 4 GiB)");
        }
        ByteBuffer b = ByteBuffer.allocate(headerSize).order(ByteOrder.LITTLE_ENDIAN);
        b.put(ascii("RIFF")).putInt((int) riffSize).put(ascii("WAVE"));
        b.put(ascii("fmt ")).putInt(fmtSize);
        b.putShort((short) (extensible ? WAVE_FORMAT_EXTENSIBLE : format.formatTag()));
        b.putShort((short) channels);
        b.putInt(audio.sampleRate());
        b.putInt((int) ((long) audio.sampleRate() * blockAlign));
        b.putShort((short) blockAlign);
        b.putShort((short) format.bitsPerSample());
        if (extensible) {
            b.putShort((short) 22); // cbSize
            b.putShort((short) format.bitsPerSample()); // valid bits
            b.putInt(0); // channel mask: speaker positions not specified
            b.putShort((short) format.formatTag());
            b.put(new byte[] {0x00, 0x00, 0x00, 0x00, 0x10, 0x00, (byte) 0x80, 0x00,
                0x00, (byte) 0xAA, 0x00, 0x38, (byte) 0x9B, 0x71});
        } else if (format.isFloatingPoint()) {
            b.putShort((short) 0); // cbSize
        }
        if (fact) {
            b.put(ascii("fact")).putInt(4).putInt((int) frames);
        }
        b.put(ascii("data")).putInt((int) dataBytes);
        return b.array();
    }

    private static void writeSamples(OutputStream out, AudioBuffer audio, WavSampleFormat format) throws IOException {
        FloatBuffer samples = audio.samples();
        float[] block = new float[WRITE_BLOCK_SAMPLES];
        ByteBuffer bytes = ByteBuffer.allocate(WRITE_BLOCK_SAMPLES * format.bytesPerSample());
        long dataBytes = (long) samples.remaining() * format.bytesPerSample();
        while (samples.hasRemaining()) {
            int n = Math.min(block.length, samples.remaining());
            samples.get(block, 0, n);
            bytes.clear();
            PcmCodec.encode(format, block, 0, n, bytes);
            out.write(bytes.array(), 0, bytes.position());
        }
        if ((dataBytes & 1) != 0) {
            out.write(0); // RIFF pad byte after an odd-sized chunk
        }
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
