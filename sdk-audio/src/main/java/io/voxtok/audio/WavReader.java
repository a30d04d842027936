package io.voxtok.audio;

import io.voxtok.api.VoxtokException;
import io.voxtok.api.audio.AudioBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Reads RIFF/WAVE files (and RF64, the 64-bit variant) into an {@link AudioBuffer}.
 *
 * <p>Supported encodings ({@link WavSampleFormat}): 8-bit unsigned PCM, 16/24/32-bit signed PCM and 32/64-bit
 * IEEE float, in a plain {@code fmt } chunk or a {@code WAVE_FORMAT_EXTENSIBLE} one (PCM or float sub-format;
 * samples narrower than their container, e.g. 20 valid bits in 24, are scaled by the container size). Any
 * sample rate, any channel count. Integers become {@code v / 2^(bits-1)}: int16 reads as {@code v / 32768}
 * like {@code torchaudio.load}.
 *
 * <p>Chunks other than {@code fmt }, {@code data} and {@code ds64} ({@code LIST}, {@code fact}, {@code cue },
 * ...) are skipped, honouring the pad byte after odd-sized chunks; scanning stops once both {@code fmt } and
 * {@code data} are found, so trailing garbage after them is ignored.
 *
 * <p><b>Truncated data.</b> When the {@code data} chunk declares more bytes than the file holds (an interrupted
 * recording, or a streaming writer that never patched the size), the reader keeps the whole frames present and
 * logs a warning; a trailing partial frame is dropped the same way. A truncated header is an error.
 *
 * <p><b>Refused values.</b> A sample rate outside 1 kHz to 768 kHz (a rate of 1 Hz would hang resampling), and, in
 * float files, a NaN or infinite sample or one beyond +36 dBFS ({@code |x| > 64}, garbage such as 1e30 that would
 * turn into all-zero codes). Float samples between 1 and 64 in magnitude are kept as they are, not clipped.
 *
 * <p>Every problem is a {@link VoxtokException} of kind {@code USER_INPUT} whose message starts with the file,
 * e.g. {@code "x.wav: not a RIFF/WAVE file"} or {@code "x.wav: unsupported WAV encoding: 12-bit PCM"}.
 */
public final class WavReader {
    private static final Logger LOG = LoggerFactory.getLogger(WavReader.class);

    private static final int WAVE_FORMAT_EXTENSIBLE = 0xFFFE;
    /** Bytes 2..15 of every KSDATAFORMAT_SUBTYPE_* GUID; bytes 0..1 hold the plain format tag. */
    private static final byte[] SUBFORMAT_GUID_TAIL = {
        0x00, 0x00, 0x00, 0x00, 0x10, 0x00, (byte) 0x80, 0x00, 0x00, (byte) 0xAA, 0x00, 0x38, (byte) 0x9B, 0x71};
    private static final long UINT32_MAX = 0xFFFF_FFFFL;
    /** The largest sample count a Java array holds safely. */
    private static final long MAX_SAMPLES = Integer.MAX_VALUE - 8;
    private static final int READ_BLOCK_BYTES = 1 << 20;

    private WavReader() {
    }

    /** Where the samples are and how they are encoded. */
    private record Layout(WavSampleFormat format, int channels, int sampleRate, long dataOffset, long dataBytes) {
    }

    /**
     * Reads a whole WAV file.
     *
     * @throws VoxtokException {@code USER_INPUT} for a missing, malformed or unsupported file; {@code ENVIRONMENT}
     *     when the file cannot be read
     */
    public static AudioBuffer read(Path file) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            Layout layout = parse(file, ch);
            return readSamples(file, ch, layout);
        } catch (IOException e) {
            throw AudioFileErrors.readFailure(file, e);
        }
    }

    private static Layout parse(Path file, FileChannel ch) throws IOException {
        long size = ch.size();
        if (size == 0) {
            throw AudioFileErrors.badInput(file, "empty file");
        }
        ByteBuffer riff = readAt(ch, 0, (int) Math.min(12, size));
        String magic = riff.remaining() >= 4 ? fourCc(riff, 0) : "";
        boolean rf64 = magic.equals("RF64");
        if (magic.equals("RIFX")) {
            throw AudioFileErrors.badInput(file, "big-endian WAV (RIFX) is not supported");
        }
        if (!magic.equals("RIFF") && !rf64) {
            throw AudioFileErrors.badInput(file, "not a RIFF/WAVE file");
        }
        if (riff.remaining() < 12) {
            throw AudioFileErrors.badInput(file, "truncated RIFF header (" + size + " bytes)");
        }
        if (!fourCc(riff, 8).equals("WAVE")) {
            throw AudioFileErrors.badInput(file, "not a RIFF/WAVE file (RIFF form type '" + fourCc(riff, 8) + "')");
        }

        WavFmt fmt = null;
        long rf64DataBytes = -1;
        long dataOffset = -1;
        long dataBytes = -1;
        long pos = 12;
        while (pos + 8 <= size && (fmt == null || dataOffset < 0)) {
            ByteBuffer head = readAt(ch, pos, 8);
            String id = fourCc(head, 0);
            long chunkSize = head.getInt(4) & UINT32_MAX;
            long body = pos + 8;
            long available = size - body;
            if (id.equals("ds64") && rf64) {
                if (chunkSize < 24 || available < 24) {
                    throw AudioFileErrors.badInput(file, "truncated 'ds64' chunk");
                }
                rf64DataBytes = readAt(ch, body, 24).getLong(8);
            } else if (id.equals("fmt ")) {
                if (chunkSize > available) {
                    throw AudioFileErrors.badInput(file, "truncated 'fmt ' chunk (" + chunkSize + " bytes declared, "
                            + available + " present)");
                }
                fmt = parseFmt(file, readAt(ch, body, (int) Math.min(chunkSize, 64)), chunkSize);
            } else if (id.equals("data")) {
                long declared = chunkSize;
                if (rf64 && chunkSize == UINT32_MAX) {
                    if (rf64DataBytes < 0) {
                        throw AudioFileErrors.badInput(file, "RF64 file without a 'ds64' chunk before 'data'");
                    }
                    declared = rf64DataBytes;
                }
                dataOffset = body;
                dataBytes = declared;
                if (declared > available) {
                    LOG.warn("{}: data chunk declares {} bytes but only {} are present; reading what is there",
                            file, declared, available);
                    dataBytes = available;
                }
                chunkSize = dataBytes;
            }
            pos = body + chunkSize + (chunkSize & 1);
        }
        if ((fmt == null || dataOffset < 0) && pos < size) {
            throw AudioFileErrors.badInput(file, "truncated header (chunk header at byte " + pos + " cut off)");
        }
        if (fmt == null) {
            throw AudioFileErrors.badInput(file, "no 'fmt ' chunk");
        }
        if (dataOffset < 0) {
            throw AudioFileErrors.badInput(file, "no 'data' chunk");
        }
        int blockAlign = fmt.channels * fmt.format.bytesPerSample();
        long whole = dataBytes - dataBytes % blockAlign;
        if (whole != dataBytes) {
            LOG.warn("{}: data chunk ends with a partial frame ({} of {} bytes); dropping it",
                    file, dataBytes - whole, blockAlign);
        }
        return new Layout(fmt.format, fmt.channels, fmt.sampleRate, dataOffset, whole);
    }

    /** The decoded {@code fmt } chunk. */
    private record WavFmt(WavSampleFormat format, int channels, int sampleRate) {
    }

    private static WavFmt parseFmt(Path file, ByteBuffer b, long chunkSize) {
        if (chunkSize < 16) {
            throw AudioFileErrors.badInput(file, "truncated 'fmt ' chunk (" + chunkSize + " bytes, need 16)");
        }
        int tag = b.getShort(0) & 0xFFFF;
        int channels = b.getShort(2) & 0xFFFF;
        long sampleRate = b.getInt(4) & UINT32_MAX;
        int blockAlign = b.getShort(12) & 0xFFFF;
        int bits = b.getShort(14) & 0xFFFF;
        int validBits = bits;
        if (tag == WAVE_FORMAT_EXTENSIBLE) {
            if (chunkSize < 40) {
                throw AudioFileErrors.badInput(file, "truncated WAVE_FORMAT_EXTENSIBLE 'fmt ' chunk (" + chunkSize
                        + " bytes, need 40)");
            }
            validBits = b.getShort(18) & 0xFFFF;
            for (int i = 0; i < SUBFORMAT_GUID_TAIL.length; i++) {
                if (b.get(26 + i) != SUBFORMAT_GUID_TAIL[i]) {
                    throw AudioFileErrors.badInput(file, "unsupported WAV encoding: unknown extensible sub-format");
                }
            }
            tag = b.getShort(24) & 0xFFFF;
            if (validBits == 0) {
                validBits = bits; // 0 means "not given"
            }
        }
        WavSampleFormat format = WavSampleFormat.of(tag, bits);
        if (format == null) {
            throw AudioFileErrors.badInput(file, "unsupported WAV encoding: " + describe(tag, bits));
        }
        if (validBits > bits) {
            throw AudioFileErrors.badInput(file, "inconsistent 'fmt ' chunk: " + validBits + " valid bits in "
                    + bits + "-bit samples");
        }
        if (channels == 0) {
            throw AudioFileErrors.badInput(file, "invalid 'fmt ' chunk: 0 channels");
        }
        AudioLimits.checkSampleRate(file, "'fmt ' chunk", sampleRate);
        if (blockAlign != channels * format.bytesPerSample()) {
            throw AudioFileErrors.badInput(file, "inconsistent 'fmt ' chunk: block align " + blockAlign
                    + " does not match " + channels + " channels of " + bits + "-bit samples");
        }
        return new WavFmt(format, channels, (int) sampleRate);
    }

    private static String describe(int tag, int bits) {
        switch (tag) {
            case WavSampleFormat.TAG_PCM: return bits + "-bit PCM";
            case WavSampleFormat.TAG_IEEE_FLOAT: return bits + "-bit IEEE float";
            case 0x0002: return "Microsoft ADPCM (format tag 0x0002)";
            case 0x0006: return "A-law (format tag 0x0006)";
            case 0x0007: return "mu-law (format tag 0x0007)";
            case 0x0011: return "IMA ADPCM (format tag 0x0011)";
            case 0x0031: return "GSM 6.10 (format tag 0x0031)";
            case 0x0050: return "MPEG audio (format tag 0x0050)";
            case 0x0055: return "MPEG Layer 3 (format tag 0x0055)";
            default: return String.format("format tag 0x%04X", tag);
        }
    }

    private static AudioBuffer readSamples(Path file, FileChannel ch, Layout layout) throws IOException {
        int bytesPerSample = layout.format.bytesPerSample();
        long samples = layout.dataBytes / bytesPerSample;
        if (samples > MAX_SAMPLES) {
            throw AudioFileErrors.badInput(file, "too long to load at once (" + samples + " samples)");
        }
        float[] out = new float[(int) samples];
        int blockSamples = READ_BLOCK_BYTES / bytesPerSample;
        ByteBuffer buf = ByteBuffer.allocate(blockSamples * bytesPerSample).order(ByteOrder.LITTLE_ENDIAN);
        long pos = layout.dataOffset;
        int done = 0;
        while (done < out.length) {
            int n = (int) Math.min(blockSamples, out.length - (long) done);
            buf.clear().limit(n * bytesPerSample);
            readFully(ch, pos, buf);
            buf.flip();
            PcmCodec.decode(layout.format, buf, n, out, done);
            if (layout.format.isFloatingPoint()) {
                AudioLimits.checkFloatSamples(file, out, done, done + n, layout.channels);
            }
            done += n;
            pos += (long) n * bytesPerSample;
        }
        return AudioBuffer.ofInterleaved(out, layout.sampleRate, layout.channels);
    }

    private static ByteBuffer readAt(FileChannel ch, long pos, int n) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
        readFully(ch, pos, b);
        return b.flip();
    }

    private static void readFully(FileChannel ch, long pos, ByteBuffer b) throws IOException {
        long p = pos;
        while (b.hasRemaining()) {
            int r = ch.read(b, p);
            if (r < 0) {
                throw new EOFException("file ended at byte " + p + " (was it modified while being read?)");
            }
            p += r;
        }
    }

    private static String fourCc(ByteBuffer b, int at) {
        byte[] id = new byte[4];
        for (int i = 0; i < 4; i++) {
            id[i] = b.get(at + i);
        }
        return new String(id, StandardCharsets.ISO_8859_1);
    }
}
