package io.voxtok.audio;

import io.voxtok.api.VoxtokException;
import io.voxtok.api.audio.AudioBuffer;

import java.nio.file.Path;

/**
 * Reads an audio file whatever its format (WAV or FLAC, recognized by content, see {@link AudioFormatSniffer}),
 * optionally converting it to the channel count and sample rate a model expects.
 */
public final class AudioReader {
    private AudioReader() {
    }

    /**
     * Reads {@code file} as stored: its own sample rate and channels.
     *
     * @throws VoxtokException {@code USER_INPUT} for a missing, empty, unrecognized, malformed or unsupported file
     */
    public static AudioBuffer read(Path file) {
        switch (AudioFormatSniffer.detect(file)) {
            case WAV:
                return WavReader.read(file);
            case FLAC:
                return FlacReader.read(file);
            default:
                throw AudioFileErrors.badInput(file, "unrecognized audio format (expected WAV or FLAC)");
        }
    }

    /**
     * Reads {@code file}, converts its channels, then resamples: the same steps, in the same order, as the official
     * {@code convert_audio(wav, sr, target_sr, target_channels)}.
     * <ul>
     *   <li>Channels ({@link ChannelMixer}): several channels to mono by the mean of the channels
     *   ({@code wav.mean(0)}, the SpeechTokenizer / EnCodec convention); mono to {@code channels} by duplication;
     *   any other change (e.g. 6 to 2) is refused with a {@code USER_INPUT} error.</li>
     *   <li>Rate ({@link Resampler}): band-limited windowed-sinc resampling; nothing happens at equal rates. The
     *   filter is not torchaudio's, so resampled samples differ slightly from {@code torchaudio.transforms.Resample}
     *   (see {@link Resampler} for its response).</li>
     * </ul>
     *
     * @throws VoxtokException {@code USER_INPUT} for a bad file, a refused channel conversion or a non-positive
     *     target
     */
    public static AudioBuffer readAs(Path file, int sampleRate, int channels) {
        if (sampleRate <= 0) {
            throw VoxtokException.userInput(file + ": target sample rate must be positive, got " + sampleRate);
        }
        if (channels <= 0) {
            throw VoxtokException.userInput(file + ": target channel count must be positive, got " + channels);
        }
        AudioBuffer audio = ChannelMixer.toChannels(read(file), channels, file);
        return Resampler.resample(audio, sampleRate);
    }
}
