package io.voxtok.audio;

import io.voxtok.api.ErrorKind;
import io.voxtok.api.VoxtokException;
import io.voxtok.api.audio.AudioBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class AudioReaderTest {
    @TempDir
    Path tmp;

    @Test
    void detectsTheFormatByContentNotName() throws IOException {
        Path wavNamedFlac = Files.copy(AudioFixtures.file("pcm_s16_stereo_16000.wav"), tmp.resolve("a.flac"));
        Path flacNamedWav = Files.copy(AudioFixtures.file("pcm_s16_stereo_16000.flac"), tmp.resolve("b.wav"));
        float[] expected = AudioFixtures.expected("pcm_s16_stereo_16000");
        assertArrayEquals(expected, AudioReader.read(wavNamedFlac).toArray());
        assertArrayEquals(expected, AudioReader.read(flacNamedWav).toArray());
    }

    @Test
    void unknownFormatIsRefused() throws IOException {
        Path f = Files.writeString(tmp.resolve("song.mp3"), "ID3 this is not audio Voxtok reads");
        VoxtokException e = assertThrows(VoxtokException.class, () -> AudioReader.read(f));
        assertEquals(ErrorKind.USER_INPUT, e.kind());
        assertEquals(f + ": unrecognized audio format (expected WAV or FLAC)", e.getMessage());
    }

    @Test
    void emptyAndMissingFilesAreRefused() throws IOException {
        Path empty = Files.write(tmp.resolve("e.wav"), new byte[0]);
        assertEquals(empty + ": empty file",
                assertThrows(VoxtokException.class, () -> AudioReader.read(empty)).getMessage());
        Path missing = tmp.resolve("missing.flac");
        VoxtokException e = assertThrows(VoxtokException.class, () -> AudioReader.read(missing));
        assertEquals(ErrorKind.USER_INPUT, e.kind());
        assertEquals(missing + ": no such file", e.getMessage());
    }

    @Test
    void readAsDownmixesToTheChannelMean() {
        Path f = AudioFixtures.file("pcm_s16_stereo_16000.wav");
        float[] lr = AudioFixtures.expected("pcm_s16_stereo_16000");
        AudioBuffer mono = AudioReader.readAs(f, 16000, 1);
        assertEquals(1, mono.channels());
        assertEquals(lr.length / 2, mono.frames());
        for (int i = 0; i < mono.frames(); i++) {
            // wav.mean(0) in float32: (l + r) / 2 rounded once, as numpy/torch compute it
            assertEquals((float) (((double) lr[2 * i] + lr[2 * i + 1]) / 2), mono.toArray()[i], "frame " + i);
        }
    }

    @Test
    void readAsDownmixesSixChannels() {
        Path f = AudioFixtures.file("sox_s16_6ch_16000.wav");
        float[] six = AudioFixtures.expected("sox_s16_6ch_16000");
        float[] mono = AudioReader.readAs(f, 16000, 1).toArray();
        for (int i = 0; i < mono.length; i++) {
            double s = 0;
            for (int c = 0; c < 6; c++) {
                s += six[6 * i + c];
            }
            assertEquals(s / 6, mono[i], 1e-7, "frame " + i);
        }
    }

    @Test
    void readAsDuplicatesMono() {
        Path f = AudioFixtures.file("pcm_s24_mono_44100.wav");
        float[] mono = AudioFixtures.expected("pcm_s24_mono_44100");
        AudioBuffer stereo = AudioReader.readAs(f, 44100, 2);
        assertArrayEquals(mono, stereo.channel(0));
        assertArrayEquals(mono, stereo.channel(1));
    }

    @Test
    void readAsRefusesSixToTwo() {
        Path f = AudioFixtures.file("sox_s16_6ch_16000.wav");
        VoxtokException e = assertThrows(VoxtokException.class, () -> AudioReader.readAs(f, 16000, 2));
        assertEquals(ErrorKind.USER_INPUT, e.kind());
        assertEquals(f + ": cannot convert 6 channels to 2 (only N channels to mono by averaging, and mono to N by "
                + "duplication, are supported)", e.getMessage());
    }

    @Test
    void readAsDownmixesThenResamples() {
        Path f = AudioFixtures.file("sox_s24_stereo_44100.wav"); // 70 frames
        AudioBuffer out = AudioReader.readAs(f, 16000, 1);
        assertEquals(16000, out.sampleRate());
        assertEquals(1, out.channels());
        assertEquals(26, out.frames()); // ceil(70 * 16000 / 44100) = ceil(25.4)
        AudioBuffer mono = AudioBuffer.ofMono(AudioReader.readAs(f, 44100, 1).toArray(), 44100);
        assertArrayEquals(new Resampler(44100, 16000).resample(mono).toArray(), out.toArray());
    }

    @Test
    void readAsRefusesNonPositiveTargets() {
        Path f = AudioFixtures.file("pcm_s24_mono_44100.wav");
        assertEquals(ErrorKind.USER_INPUT,
                assertThrows(VoxtokException.class, () -> AudioReader.readAs(f, 0, 1)).kind());
        assertEquals(ErrorKind.USER_INPUT,
                assertThrows(VoxtokException.class, () -> AudioReader.readAs(f, 16000, 0)).kind());
    }
}
