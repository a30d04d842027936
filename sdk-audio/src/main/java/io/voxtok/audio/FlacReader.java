package io.voxtok.audio;

import io.voxtok.api.VoxtokException;
import io.voxtok.api.audio.AudioBuffer;
import org.jflac.ChannelData;
import org.jflac.FLACDecoder;
import org.jflac.FrameListener;
import org.jflac.frame.Frame;
import org.jflac.metadata.Metadata;
import org.jflac.metadata.StreamInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads FLAC files into an {@link AudioBuffer} with the jflac decoder. Any bit depth jflac decodes (16 and 24 bit
 * are tested), any channel count. Samples are scaled like WAV integers, {@code v / 2^(bits-1)}, so a FLAC file
 * and the WAV it was encoded from read to identical floats.
 *
 * <p>Frames that fail their CRC or header check are an error (jflac on its own would zero-fill or skip them and go
 * on), the last frame included. A stream cut off by the end of the file (fewer samples than STREAMINFO announces,
 * or a last frame that ends early) is read up to its last complete frame, with a warning, like a truncated WAV
 * file: that repair applies only when the only problem jflac reports is the end of the file.
 *
 * <p>Before jflac runs, {@link FlacMetadataCheck} checks every metadata block against the file's size (jflac would
 * allocate whatever a Vorbis comment or picture declares), refuses a STREAMINFO sample rate outside 1 kHz to
 * 768 kHz and a sample count the file cannot hold; the announced count then only sizes the first buffer, capped by
 * the file size, and the buffer grows with the frames actually decoded.
 */
public final class FlacReader {
    private static final Logger LOG = LoggerFactory.getLogger(FlacReader.class);
    private static final long MAX_SAMPLES = Integer.MAX_VALUE - 8;
    /** Decoder error messages kept for the error text (the count goes on). */
    private static final int MAX_ERRORS_KEPT = 16;

    private FlacReader() {
    }

    /**
     * Reads a whole FLAC file.
     *
     * @throws VoxtokException {@code USER_INPUT} for a missing, malformed or corrupt file; {@code ENVIRONMENT} when
     *     the file cannot be read
     */
    public static AudioBuffer read(Path file) {
        checkMagic(file);
        FlacMetadataCheck.StreamInfoFields declared = FlacMetadataCheck.check(file);
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            return decode(file, new FLACDecoder(in), declared.fileSize());
        } catch (IOException e) {
            // jflac reports malformed streams as plain IOExceptions; the file itself was readable (checkMagic).
            throw AudioFileErrors.badInput(file, "corrupt or truncated FLAC stream: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            if (e instanceof VoxtokException) {
                throw e;
            }
            // jflac indexes arrays from header fields without checking them on damaged input.
            throw AudioFileErrors.badInput(file, "corrupt FLAC stream: " + e, e);
        }
    }

    private static void checkMagic(Path file) {
        if (AudioFormatSniffer.detect(file) != AudioFileType.FLAC) {
            throw AudioFileErrors.badInput(file, "not a FLAC file (no 'fLaC' marker)");
        }
    }

    private static AudioBuffer decode(Path file, FLACDecoder decoder, long fileSize) throws IOException {
        List<String> errors = new ArrayList<>();
        long[] errorCount = {0};
        // jflac's readNextFrame retries after every bad frame header without end when the header bytes it retries
        // with do not change (past a STREAMINFO sample count that is too small, or at the end of a damaged file),
        // reporting each retry here (found by AudioReaderFuzzTest, issue #16). A decoder that makes progress
        // reports at most about one error per byte it skips, so more errors than the file has bytes is that loop.
        long maxErrors = fileSize + 1024;
        decoder.addFrameListener(new FrameListener() {
            @Override
            public void processMetadata(Metadata metadata) {
            }

            @Override
            public void processFrame(Frame frame) {
            }

            @Override
            public void processError(String msg) {
                // jflac reports CRC mismatches here and still returns the (zero-filled) frame
                if (errors.size() < MAX_ERRORS_KEPT) {
                    errors.add(msg);
                }
                if (++errorCount[0] > maxErrors) {
                    throw AudioFileErrors.badInput(file, "corrupt FLAC stream: no decodable frame after "
                            + errorCount[0] + " decoder errors in a file of " + fileSize + " bytes (first: "
                            + errors.get(0) + ")");
                }
            }
        });
        decoder.readMetadata();
        StreamInfo info = decoder.getStreamInfo();
        if (info == null) {
            throw AudioFileErrors.badInput(file, "FLAC stream has no STREAMINFO block");
        }
        int channels = info.getChannels();
        int bits = info.getBitsPerSample();
        int sampleRate = info.getSampleRate();
        AudioLimits.checkSampleRate(file, "FLAC STREAMINFO", sampleRate);
        long announced = info.getTotalSamples(); // per channel; 0 means unknown
        if (announced * channels > MAX_SAMPLES) {
            throw AudioFileErrors.badInput(file, "too long to load at once (" + announced * channels + " samples)");
        }
        double scale = 1.0 / (1L << (bits - 1));
        // The announced count only sizes the first allocation, and never beyond what the file plausibly decodes to
        // (4 samples per byte is already 8:1 compression of 16-bit audio); the buffer grows with decoded frames.
        long initial = Math.min(announced * channels, Math.max(1L << 16, 4 * fileSize));
        float[] out = new float[(int) Math.max(initial, 1 << 16)];
        int filled = 0;
        Frame frame;
        while ((frame = decoder.readNextFrame()) != null) {
            if (!errors.isEmpty() || decoder.getBadFrames() > 0) {
                // a returned frame with a CRC error, or frames skipped before it: damage, not truncation
                throw AudioFileErrors.badInput(file, "corrupt FLAC stream: " + (errors.isEmpty()
                        ? decoder.getBadFrames() + " undecodable frame(s)" : String.join("; ", errors)));
            }
            int blockSize = frame.header.blockSize;
            if (frame.header.channels != channels) {
                throw AudioFileErrors.badInput(file, "FLAC frame with " + frame.header.channels
                        + " channels in a " + channels + "-channel stream");
            }
            long needed = (long) filled + (long) blockSize * channels;
            if (needed > MAX_SAMPLES) {
                throw AudioFileErrors.badInput(file, "too long to load at once");
            }
            if (needed > out.length) {
                out = Arrays.copyOf(out, (int) Math.min(MAX_SAMPLES, Math.max(needed, 2L * out.length)));
            }
            ChannelData[] data = decoder.getChannelData();
            for (int c = 0; c < channels; c++) {
                int[] pcm = data[c].getOutput();
                for (int i = 0; i < blockSize; i++) {
                    out[filled + i * channels + c] = (float) (pcm[i] * scale);
                }
            }
            filled += blockSize * channels;
        }
        // After the last complete frame, an error caused by the end of the file is truncation (an interrupted
        // write): keep what is there. Any other error there (bad CRC, bad padding, lost sync) is damage to the last
        // frame, and dropping it silently would shorten the audio without anyone knowing.
        List<String> damage = errors.stream().filter(msg -> !msg.contains("EOFException")).toList();
        if (!damage.isEmpty()) {
            throw AudioFileErrors.badInput(file, "corrupt last FLAC frame: " + String.join("; ", damage));
        }
        long frames = filled / channels;
        if (announced > 0 && frames < announced) {
            LOG.warn("{}: FLAC stream ends after {} of {} announced frames; reading what is there",
                    file, frames, announced);
        } else if (!errors.isEmpty()) {
            LOG.warn("{}: FLAC stream ends with an incomplete frame ({}); ignoring it", file, String.join("; ", errors));
        }
        return AudioBuffer.ofInterleaved(filled == out.length ? out : Arrays.copyOf(out, filled), sampleRate, channels);
    }
}
