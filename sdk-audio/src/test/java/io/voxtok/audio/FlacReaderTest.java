package io.voxtok.audio;

import io.voxtok.api.ErrorKind;
import io.voxtok.api.VoxtokException;
import io.voxtok.api.audio.AudioBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FlacReaderTest {
    @TempDir
    Path tmp;

    @Test
    void flacEqualsTheWavItWasEncodedFrom() {
        // sox encoded pcm_s16_stereo_16000.wav (written by Python's wave module) to this FLAC
        AudioBuffer wav = WavReader.read(AudioFixtures.file("pcm_s16_stereo_16000.wav"));
        AudioBuffer flac = FlacReader.read(AudioFixtures.file("pcm_s16_stereo_16000.flac"));
        assertEquals(16000, flac.sampleRate());
        assertEquals(2, flac.channels());
        assertArrayEquals(wav.toArray(), flac.toArray());
        assertArrayEquals(AudioFixtures.expected("pcm_s16_stereo_16000"), flac.toArray());
    }

    /** Several FLAC frames each (sox's block size is 4096), against the integer formula they encode. */
    @ParameterizedTest
    @CsvSource({
        "flacsig_s16_stereo_16000, 10000, 2, 16, 16000, 1",
        "flacsig_s24_mono_48000, 10000, 1, 24, 48000, 2",
        "flacsig_s16_6ch_16000, 3000, 6, 16, 16000, 3",
    })
    void decodesBitDepthsAndChannelCountsExactly(String base, int frames, int channels, int bits, int rate, long seed) {
        AudioBuffer audio = FlacReader.read(AudioFixtures.file(base + ".flac"));
        assertEquals(rate, audio.sampleRate());
        assertEquals(channels, audio.channels());
        assertEquals(frames, audio.frames());
        int[][] ints = AudioFixtures.flacSignal(frames, channels, bits, seed);
        float scale = 1f / (1 << (bits - 1));
        float[] actual = audio.toArray();
        for (int i = 0; i < frames; i++) {
            for (int c = 0; c < channels; c++) {
                assertEquals(ints[i][c] * scale, actual[i * channels + c], base + " frame " + i + " channel " + c);
            }
        }
    }

    @Test
    void corruptFrameIsAnError() throws IOException {
        byte[] b = AudioFixtures.readBytes("flacsig_s16_stereo_16000.flac");
        b[b.length / 2] ^= 0x5A; // inside the audio frames: the frame CRC no longer matches
        Path f = Files.write(tmp.resolve("corrupt.flac"), b);
        VoxtokException e = assertThrows(VoxtokException.class, () -> FlacReader.read(f));
        assertEquals(ErrorKind.USER_INPUT, e.kind());
        assertTrue(e.getMessage().startsWith(f + ": "), e.getMessage());
        assertTrue(e.getMessage().contains("corrupt"), e.getMessage());
    }

    @Test
    void truncatedStreamKeepsTheCompleteFrames() throws IOException {
        byte[] b = AudioFixtures.readBytes("flacsig_s16_stereo_16000.flac");
        Path f = Files.write(tmp.resolve("cut.flac"), Arrays.copyOf(b, b.length * 2 / 3));
        AudioBuffer audio = FlacReader.read(f);
        AudioBuffer whole = FlacReader.read(AudioFixtures.file("flacsig_s16_stereo_16000.flac"));
        assertTrue(audio.frames() > 0 && audio.frames() < whole.frames(), audio.toString());
        assertEquals(0, audio.frames() % 4096, "whole frames only");
        assertArrayEquals(whole.slice(0, audio.frames()).toArray(), audio.toArray());
    }

    @Test
    void nonFlacFileIsRefused() {
        Path f = AudioFixtures.file("pcm_s16_stereo_16000.wav");
        VoxtokException e = assertThrows(VoxtokException.class, () -> FlacReader.read(f));
        assertEquals(ErrorKind.USER_INPUT, e.kind());
        assertEquals(f + ": not a FLAC file (no 'fLaC' marker)", e.getMessage());
    }

    @Test
    void emptyFileIsRefused() throws IOException {
        Path f = Files.write(tmp.resolve("empty.flac"), new byte[0]);
        VoxtokException e = assertThrows(VoxtokException.class, () -> FlacReader.read(f));
        assertEquals(f + ": empty file", e.getMessage());
    }

    @Test
    void headerOnlyIsRefused() throws IOException {
        byte[] b = AudioFixtures.readBytes("flacsig_s16_stereo_16000.flac");
        Path f = Files.write(tmp.resolve("head.flac"), Arrays.copyOf(b, 20)); // marker + part of STREAMINFO
        VoxtokException e = assertThrows(VoxtokException.class, () -> FlacReader.read(f));
        assertEquals(ErrorKind.USER_INPUT, e.kind());
        assertTrue(e.getMessage().startsWith(f + ": "), e.getMessage());
    }
}
