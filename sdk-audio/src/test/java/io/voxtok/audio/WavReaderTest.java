package io.voxtok.audio;

import io.voxtok.api.ErrorKind;
import io.voxtok.api.VoxtokException;
import io.voxtok.api.audio.AudioBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WavReaderTest {
    @TempDir
    Path tmp;

    /**
     * Every encoding, written by independent tools (wave module, hand-packed bytes, sox), against the samples numpy
     * computed from the same integers / floats (int16 / 32768.0 etc.): must match bit for bit.
     */
    @ParameterizedTest
    @CsvSource({
        "pcm_u8_mono_8000, 8000, 1, 160",
        "pcm_s16_stereo_16000, 16000, 2, 200",
        "pcm_s24_mono_44100, 44100, 1, 150",
        "pcm_s32_mono_48000, 48000, 1, 150",
        "float32_stereo_22050, 22050, 2, 120",
        "float64_mono_24000, 24000, 1, 100",
        "ext_s24_3ch_16000, 16000, 3, 90",
        "ext_f32_stereo_32000, 32000, 2, 64",
        "odd_chunks_u8_mono_11025, 11025, 1, 77",
        "rf64_s16_stereo_16000, 16000, 2, 100",
        "sox_s16_6ch_16000, 16000, 6, 80",
        "sox_s24_stereo_44100, 44100, 2, 70",
        "sox_f32_mono_16000, 16000, 1, 90",
        "sox_f64_mono_16000, 16000, 1, 90",
    })
    void readsEveryEncodingExactly(String base, int rate, int channels, int frames) {
        AudioBuffer audio = WavReader.read(AudioFixtures.file(base + ".wav"));
        assertEquals(rate, audio.sampleRate());
        assertEquals(channels, audio.channels());
        assertEquals(frames, audio.frames());
        float[] expected = AudioFixtures.expected(base);
        float[] actual = audio.toArray();
        for (int i = 0; i < expected.length; i++) {
            // bit patterns, so -0.0 vs 0.0 and float64 -> float32 rounding are checked too
            assertEquals(Float.floatToRawIntBits(expected[i]), Float.floatToRawIntBits(actual[i]),
                    base + " sample " + i + ": expected " + expected[i] + ", got " + actual[i]);
        }
    }

    @Test
    void int16ScalingIsDivisionBy32768() {
        float[] s = WavReader.read(AudioFixtures.file("pcm_s16_stereo_16000.wav")).toArray();
        // the generator put -32768, 0, 32767 in channel 0 and 1, -1, 12345 in channel 1 of the first frames
        assertEquals(-1.0f, s[0]);
        assertEquals(1.0f / 32768, s[1]);
        assertEquals(0.0f, s[2]);
        assertEquals(-1.0f / 32768, s[3]);
        assertEquals(32767f / 32768, s[4]);
        assertEquals(12345f / 32768, s[5]);
    }

    @Test
    void truncatedDataChunkReadsTheWholeFramesPresent() {
        AudioBuffer audio = WavReader.read(AudioFixtures.file("truncated_s16_mono_16000.wav"));
        assertEquals(150, audio.frames());
        assertArrayEquals(AudioFixtures.expected("truncated_s16_mono_16000"), audio.toArray());
    }

    @Test
    void emptyFileIsRefused() throws IOException {
        Path f = Files.write(tmp.resolve("empty.wav"), new byte[0]);
        assertUserError(f, "empty file");
    }

    @Test
    void nonWavFileIsRefused() throws IOException {
        Path f = Files.writeString(tmp.resolve("notes.wav"), "just some text, long enough to look like a header");
        assertUserError(f, "not a RIFF/WAVE file");
    }

    @Test
    void riffOfAnotherFormIsRefused() throws IOException {
        byte[] avi = Arrays.copyOf(AudioFixtures.readBytes("pcm_s16_stereo_16000.wav"), 100);
        System.arraycopy("AVI ".getBytes(StandardCharsets.US_ASCII), 0, avi, 8, 4);
        Path f = Files.write(tmp.resolve("movie.wav"), avi);
        assertUserError(f, "not a RIFF/WAVE file (RIFF form type 'AVI ')");
    }

    @ParameterizedTest
    @ValueSource(ints = {4, 11, 20, 30, 40, 43})
    void truncatedHeaderIsRefused(int keep) throws IOException {
        byte[] whole = AudioFixtures.readBytes("pcm_s16_stereo_16000.wav");
        Path f = Files.write(tmp.resolve("cut" + keep + ".wav"), Arrays.copyOf(whole, keep));
        VoxtokException e = assertThrows(VoxtokException.class, () -> WavReader.read(f));
        assertEquals(ErrorKind.USER_INPUT, e.kind());
        assertTrue(e.getMessage().startsWith(f + ": "), e.getMessage());
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    }

    @Test
    void missingDataChunkIsRefused() throws IOException {
        byte[] whole = AudioFixtures.readBytes("pcm_s16_stereo_16000.wav");
        Path f = Files.write(tmp.resolve("nodata.wav"), Arrays.copyOf(whole, 36)); // RIFF + complete fmt chunk
        assertUserError(f, "no 'data' chunk");
    }

    @Test
    void twelveBitPcmIsRefused() throws IOException {
        Path f = Files.write(tmp.resolve("twelve.wav"), wav(1, 1, 16000, 12, 2, new byte[8]));
        assertUserError(f, "unsupported WAV encoding: 12-bit PCM");
    }

    @Test
    void sixteenBitFloatIsRefused() throws IOException {
        Path f = Files.write(tmp.resolve("half.wav"), wav(3, 1, 16000, 16, 2, new byte[8]));
        assertUserError(f, "unsupported WAV encoding: 16-bit IEEE float");
    }

    @Test
    void aLawIsRefused() {
        Path f = AudioFixtures.file("unsupported_alaw_8000.wav"); // written by sox
        assertUserError(f, "unsupported WAV encoding: A-law (format tag 0x0006)");
    }

    @Test
    void blockAlignMismatchIsRefused() throws IOException {
        // 24-bit samples in 4-byte slots with a plain header: ambiguous, refused rather than misread
        Path f = Files.write(tmp.resolve("padded24.wav"), wav(1, 1, 16000, 24, 4, new byte[8]));
        assertUserError(f, "inconsistent 'fmt ' chunk: block align 4 does not match 1 channels of 24-bit samples");
    }

    @Test
    void bigEndianRifxIsRefused() throws IOException {
        byte[] b = AudioFixtures.readBytes("pcm_s16_stereo_16000.wav");
        System.arraycopy("RIFX".getBytes(StandardCharsets.US_ASCII), 0, b, 0, 4);
        Path f = Files.write(tmp.resolve("rifx.wav"), b);
        assertUserError(f, "big-endian WAV (RIFX) is not supported");
    }

    @Test
    void missingFileIsAUserError() {
        Path f = tmp.resolve("nope.wav");
        assertUserError(f, "no such file");
    }

    @Test
    void dataBeforeFmtIsAccepted() throws IOException {
        // 'data' first, 'fmt ' after: unusual but legal RIFF; odd data size exercises the pad byte
        ByteBuffer b = ByteBuffer.allocate(12 + 8 + 3 + 1 + 8 + 16).order(ByteOrder.LITTLE_ENDIAN);
        b.put(ascii("RIFF")).putInt(b.capacity() - 8).put(ascii("WAVE"));
        b.put(ascii("data")).putInt(3).put(new byte[] {0, (byte) 128, (byte) 255}).put((byte) 0);
        b.put(ascii("fmt ")).putInt(16).putShort((short) 1).putShort((short) 1).putInt(8000).putInt(8000)
                .putShort((short) 1).putShort((short) 8);
        Path f = Files.write(tmp.resolve("datafirst.wav"), b.array());
        assertArrayEquals(new float[] {-1f, 0f, 127f / 128}, WavReader.read(f).toArray());
    }

    private static void assertUserError(Path f, String problem) {
        VoxtokException e = assertThrows(VoxtokException.class, () -> WavReader.read(f));
        assertEquals(ErrorKind.USER_INPUT, e.kind());
        assertEquals(f + ": " + problem, e.getMessage());
    }

    /** A minimal WAV with a plain 16-byte fmt chunk whose fields are given as is. */
    static byte[] wav(int tag, int channels, int rate, int bits, int blockAlign, byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(44 + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(ascii("RIFF")).putInt(36 + data.length).put(ascii("WAVE"));
        b.put(ascii("fmt ")).putInt(16).putShort((short) tag).putShort((short) channels).putInt(rate)
                .putInt(rate * blockAlign).putShort((short) blockAlign).putShort((short) bits);
        b.put(ascii("data")).putInt(data.length).put(data);
        return b.array();
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
