package io.voxtok.audio;

import io.voxtok.api.ErrorKind;
import io.voxtok.api.VoxtokException;
import io.voxtok.api.audio.AudioBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WavWriterTest {
    @TempDir
    Path tmp;

    /**
     * Reading a file written by an independent writer and writing it back in the same encoding gives the same
     * bytes: Python's wave module for plain PCM, hand-packed RIFF and sox (fmt 18 + fact) for float. (Not 32-bit PCM:
     * float32 keeps 24 significant bits, so arbitrary int32 samples do not survive the float32 AudioBuffer.)
     */
    @ParameterizedTest
    @CsvSource({
        "pcm_u8_mono_8000, PCM_U8",
        "pcm_s16_stereo_16000, PCM_S16",
        "pcm_s24_mono_44100, PCM_S24",
        "float32_stereo_22050, FLOAT32",
        "sox_f32_mono_16000, FLOAT32",
        "sox_f64_mono_16000, FLOAT64",
    })
    void writesTheSameBytesAsIndependentWriters(String base, WavSampleFormat format) throws IOException {
        AudioBuffer audio = WavReader.read(AudioFixtures.file(base + ".wav"));
        Path out = tmp.resolve(base + ".wav");
        WavWriter.write(out, audio, format);
        assertArrayEquals(AudioFixtures.readBytes(base + ".wav"), Files.readAllBytes(out));
    }

    @Test
    void int16RoundTripIsExact() {
        AudioBuffer audio = WavReader.read(AudioFixtures.file("sox_s16_6ch_16000.wav"));
        Path out = tmp.resolve("six.wav");
        WavWriter.write(out, audio); // 6 channels: WAVE_FORMAT_EXTENSIBLE header
        AudioBuffer back = WavReader.read(out);
        assertEquals(6, back.channels());
        assertEquals(16000, back.sampleRate());
        assertArrayEquals(audio.toArray(), back.toArray());
    }

    /** Values on each format's grid survive write + read unchanged, for every format and an odd channel count. */
    @ParameterizedTest
    @EnumSource(WavSampleFormat.class)
    void everyFormatRoundTripsValuesOnItsGrid(WavSampleFormat format) {
        Random rnd = new Random(7);
        int channels = 3;
        float[] x = new float[101 * channels]; // odd byte count for 8-bit: exercises the pad byte
        for (int i = 0; i < x.length; i++) {
            double v = rnd.nextDouble() * 2 - 1;
            if (!format.isFloatingPoint()) {
                double scale = Math.pow(2, format.bitsPerSample() - 1);
                v = Math.floor(v * scale) / scale;
                if (format == WavSampleFormat.PCM_S32) {
                    v = (float) v; // float32 holds only 24 significant bits; 32-bit PCM must keep them exactly
                }
            }
            x[i] = (float) v;
        }
        x[0] = -1f;
        AudioBuffer audio = AudioBuffer.ofInterleaved(x, 12345, channels);
        Path out = tmp.resolve(format + ".wav");
        WavWriter.write(out, audio, format);
        AudioBuffer back = WavReader.read(out);
        assertEquals(12345, back.sampleRate());
        assertEquals(channels, back.channels());
        assertArrayEquals(x, back.toArray());
    }

    @Test
    void int16RoundsToNearestAndClips() throws IOException {
        float lsb = 1f / 32768;
        float[] x = {1.0f, 1.5f, -1.0f, -2f, 0.5f * lsb, 1.5f * lsb, -0.4f * lsb, 0.6f * lsb, 32766.5f * lsb};
        short[] expected = {32767, 32767, -32768, -32768, 0, 2, 0, 1, 32766};
        Path out = tmp.resolve("clip.wav");
        WavWriter.write(out, AudioBuffer.ofMono(x, 16000));
        byte[] b = Files.readAllBytes(out);
        assertEquals(44 + 2 * x.length, b.length);
        for (int i = 0; i < x.length; i++) {
            short v = (short) ((b[44 + 2 * i] & 0xFF) | (b[45 + 2 * i] << 8));
            assertEquals(expected[i], v, "sample " + i + " = " + x[i]);
        }
    }

    @Test
    void replacesAnExistingFile() {
        Path out = tmp.resolve("again.wav");
        WavWriter.write(out, AudioBuffer.ofMono(new float[] {0.5f, 0.25f}, 16000));
        WavWriter.write(out, AudioBuffer.ofMono(new float[] {-0.5f}, 8000));
        AudioBuffer back = WavReader.read(out);
        assertEquals(8000, back.sampleRate());
        assertArrayEquals(new float[] {-0.5f}, back.toArray());
        assertEquals(List.of(out), listing(tmp));
    }

    @Test
    void parentThatIsAFileIsAClearError() throws IOException {
        Path notADir = Files.writeString(tmp.resolve("plain.txt"), "x");
        Path out = notADir.resolve("a.wav");
        VoxtokException e = assertThrows(VoxtokException.class,
                () -> WavWriter.write(out, AudioBuffer.ofMono(new float[] {0f}, 16000)));
        assertEquals(ErrorKind.USER_INPUT, e.kind());
        assertTrue(e.getMessage().startsWith(out + ": cannot write"), e.getMessage());
        assertEquals(List.of(notADir), listing(tmp));
    }

    @Test
    void failedMoveLeavesNoTemporaryFile() throws IOException {
        // a non-empty directory where the file should go: the temp file is written, then the move fails
        Path out = Files.createDirectory(tmp.resolve("taken.wav"));
        Path inside = Files.writeString(out.resolve("keep.txt"), "keep");
        VoxtokException e = assertThrows(VoxtokException.class,
                () -> WavWriter.write(out, AudioBuffer.ofMono(new float[1000], 16000)));
        assertEquals(ErrorKind.USER_INPUT, e.kind());
        assertTrue(e.getMessage().startsWith(out + ": cannot write"), e.getMessage());
        assertEquals(List.of(out), listing(tmp), "no temporary file left next to the target");
        assertEquals("keep", Files.readString(inside));
    }

    @Test
    void nonFiniteSamplesAreRefused() {
        Path out = tmp.resolve("nan.wav");
        VoxtokException e = assertThrows(VoxtokException.class,
                () -> WavWriter.write(out, AudioBuffer.ofMono(new float[] {0f, Float.NaN}, 16000)));
        assertEquals(ErrorKind.USER_INPUT, e.kind());
        assertEquals(List.of(), listing(tmp));
    }

    private static List<Path> listing(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().collect(Collectors.toList());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
