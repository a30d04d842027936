package io.voxtok.audio;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;

class AudioFormatSnifferTest {
    private static AudioFileType sniff(String head) {
        byte[] b = head.getBytes(StandardCharsets.ISO_8859_1);
        return AudioFormatSniffer.detect(b, b.length);
    }

    @Test
    void recognizesByMagicBytes() {
        assertEquals(AudioFileType.WAV, sniff("RIFF\0\0\0\0WAVE"));
        assertEquals(AudioFileType.WAV, sniff("RF64\377\377\377\377WAVE"));
        assertEquals(AudioFileType.WAV, sniff("RIFX\0\0\0\0WAVE"));
        assertEquals(AudioFileType.FLAC, sniff("fLaC\0\0\0\042"));
        assertEquals(AudioFileType.FLAC, sniff("fLaC"));
    }

    @Test
    void truncatedRiffIsStillWavSoTheReaderCanExplain() {
        assertEquals(AudioFileType.WAV, sniff("RIFF\0\0"));
    }

    @Test
    void othersAreUnknown() {
        assertEquals(AudioFileType.UNKNOWN, sniff("RIFF\0\0\0\0AVI "));
        assertEquals(AudioFileType.UNKNOWN, sniff("ID3\4\0\0\0\0\0\0\0\0"));
        assertEquals(AudioFileType.UNKNOWN, sniff("OggS\0\2\0\0\0\0\0\0"));
        assertEquals(AudioFileType.UNKNOWN, sniff("fLa"));
        assertEquals(AudioFileType.UNKNOWN, sniff("hello world!"));
    }

    @Test
    void readsTheFixtures() {
        assertEquals(AudioFileType.WAV, AudioFormatSniffer.detect(AudioFixtures.file("rf64_s16_stereo_16000.wav")));
        assertEquals(AudioFileType.FLAC, AudioFormatSniffer.detect(AudioFixtures.file("pcm_s16_stereo_16000.flac")));
    }
}
