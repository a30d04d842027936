package io.voxtok.audio;

import io.voxtok.api.ErrorKind;
import io.voxtok.api.VoxtokException;
import io.voxtok.api.audio.AudioBuffer;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ChannelMixerTest {
    private static final AudioBuffer THREE = AudioBuffer.ofInterleaved(
            new float[] {0.3f, 0.6f, -0.3f, 1f, 1f, 0.25f}, 16000, 3);

    @Test
    void downmixIsTheChannelMean() {
        AudioBuffer mono = ChannelMixer.toChannels(THREE, 1);
        assertEquals(1, mono.channels());
        assertEquals(16000, mono.sampleRate());
        assertArrayEquals(new float[] {(float) ((0.3f + 0.6f + -0.3f) / 3.0), 0.75f}, mono.toArray(), 1e-7f);
    }

    @Test
    void monoIsDuplicated() {
        AudioBuffer mono = AudioBuffer.ofMono(new float[] {0.1f, -0.2f}, 8000);
        AudioBuffer four = ChannelMixer.toChannels(mono, 4);
        assertEquals(4, four.channels());
        assertEquals(8000, four.sampleRate());
        assertArrayEquals(new float[] {0.1f, 0.1f, 0.1f, 0.1f, -0.2f, -0.2f, -0.2f, -0.2f}, four.toArray());
    }

    @Test
    void sameCountIsTheIdentity() {
        assertSame(THREE, ChannelMixer.toChannels(THREE, 3));
    }

    @Test
    void otherConversionsAreRefused() {
        VoxtokException e = assertThrows(VoxtokException.class, () -> ChannelMixer.toChannels(THREE, 2));
        assertEquals(ErrorKind.USER_INPUT, e.kind());
        assertEquals("audio: cannot convert 3 channels to 2 (only N channels to mono by averaging, and mono to N "
                + "by duplication, are supported)", e.getMessage());
        assertThrows(VoxtokException.class, () -> ChannelMixer.toChannels(THREE, 0));
    }
}
