package io.voxtok.audio;

import io.voxtok.api.VoxtokException;
import io.voxtok.api.audio.AudioBuffer;

/**
 * Changes the channel count of audio the way the official SpeechTokenizer / EnCodec pipelines do
 * ({@code encodec.utils.convert_audio}):
 * <ul>
 *   <li>N channels to mono: the mean of the channels, {@code wav.mean(0)} ({@link AudioBuffer#toMono()});</li>
 *   <li>mono to N channels: the mono signal duplicated into every channel;</li>
 *   <li>same count: the input itself;</li>
 *   <li>N to M with N, M &gt; 1 and N != M: refused, since there is no single right speaker mapping.</li>
 * </ul>
 */
public final class ChannelMixer {
    private ChannelMixer() {
    }

    /**
     * {@code audio} with {@code channels} channels.
     *
     * @throws VoxtokException {@code USER_INPUT} for an N-to-M conversion or a non-positive channel count
     */
    public static AudioBuffer toChannels(AudioBuffer audio, int channels) {
        return toChannels(audio, channels, "audio");
    }

    /** As {@link #toChannels(AudioBuffer, int)}, naming {@code source} (a file) in error messages. */
    static AudioBuffer toChannels(AudioBuffer audio, int channels, Object source) {
        if (channels <= 0) {
            throw VoxtokException.userInput(source + ": cannot convert to " + channels + " channels");
        }
        int have = audio.channels();
        if (have == channels) {
            return audio;
        }
        if (channels == 1) {
            return audio.toMono();
        }
        if (have == 1) {
            float[] mono = audio.channel(0);
            float[] out = new float[mono.length * channels];
            for (int i = 0; i < mono.length; i++) {
                for (int c = 0; c < channels; c++) {
                    out[i * channels + c] = mono[i];
                }
            }
            return AudioBuffer.ofInterleaved(out, audio.sampleRate(), channels);
        }
        throw VoxtokException.userInput(source + ": cannot convert " + have + " channels to " + channels
                + " (only N channels to mono by averaging, and mono to N by duplication, are supported)");
    }
}
