package io.voxtok.api.audio;

import java.nio.FloatBuffer;
import java.util.Arrays;

/**
 * Immutable PCM audio: {@code frames} samples per channel at {@code sampleRate} Hz, float32 nominally in
 * [-1, 1], stored channel-interleaved. Factories copy their input; accessors return copies or read-only views,
 * so an instance can be shared between threads.
 */
public final class AudioBuffer {
    private final float[] interleaved;
    private final int sampleRate;
    private final int channels;

    private AudioBuffer(float[] interleaved, int sampleRate, int channels) {
        if (sampleRate <= 0) {
            throw new IllegalArgumentException("sample rate must be positive, got " + sampleRate);
        }
        if (channels <= 0) {
            throw new IllegalArgumentException("channels must be positive, got " + channels);
        }
        if (interleaved.length % channels != 0) {
            throw new IllegalArgumentException(interleaved.length + " samples are not a multiple of " + channels + " channels");
        }
        this.interleaved = interleaved;
        this.sampleRate = sampleRate;
        this.channels = channels;
    }

    /** Mono audio (copies {@code samples}). */
    public static AudioBuffer ofMono(float[] samples, int sampleRate) {
        return new AudioBuffer(samples.clone(), sampleRate, 1);
    }

    /** Interleaved multi-channel audio (copies {@code samples}). */
    public static AudioBuffer ofInterleaved(float[] samples, int sampleRate, int channels) {
        return new AudioBuffer(samples.clone(), sampleRate, channels);
    }

    /** Planar audio {@code [channel][frame]} (copies). */
    public static AudioBuffer ofPlanar(float[][] planar, int sampleRate) {
        int c = planar.length;
        int n = c == 0 ? 0 : planar[0].length;
        float[] out = new float[n * c];
        for (int ch = 0; ch < c; ch++) {
            if (planar[ch].length != n) {
                throw new IllegalArgumentException("channels have different lengths");
            }
            for (int i = 0; i < n; i++) {
                out[i * c + ch] = planar[ch][i];
            }
        }
        return new AudioBuffer(out, sampleRate, Math.max(1, c));
    }

    /** Samples per second per channel. */
    public int sampleRate() {
        return sampleRate;
    }

    /** Number of channels. */
    public int channels() {
        return channels;
    }

    /** Samples per channel. */
    public int frames() {
        return interleaved.length / channels;
    }

    /** Duration in seconds. */
    public double seconds() {
        return frames() / (double) sampleRate;
    }

    /** Read-only interleaved view, no copy. */
    public FloatBuffer samples() {
        return FloatBuffer.wrap(interleaved).asReadOnlyBuffer();
    }

    /** A copy of the interleaved samples. */
    public float[] toArray() {
        return interleaved.clone();
    }

    /** A copy of one channel. */
    public float[] channel(int ch) {
        if (ch < 0 || ch >= channels) {
            throw new IndexOutOfBoundsException("channel " + ch + " of " + channels);
        }
        float[] out = new float[frames()];
        for (int i = 0; i < out.length; i++) {
            out[i] = interleaved[i * channels + ch];
        }
        return out;
    }

    /**
     * Mono mix: the mean of all channels (the same downmix the official SpeechTokenizer and EnCodec
     * pipelines use, {@code wav.mean(0)}).
     */
    public AudioBuffer toMono() {
        if (channels == 1) {
            return this;
        }
        int n = frames();
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int ch = 0; ch < channels; ch++) {
                s += interleaved[i * channels + ch];
            }
            out[i] = (float) (s / channels);
        }
        return new AudioBuffer(out, sampleRate, 1);
    }

    /** Frames {@code [from, to)} as a new buffer. */
    public AudioBuffer slice(int from, int to) {
        if (from < 0 || to < from || to > frames()) {
            throw new IndexOutOfBoundsException("slice [" + from + ", " + to + ") of " + frames() + " frames");
        }
        return new AudioBuffer(Arrays.copyOfRange(interleaved, from * channels, to * channels), sampleRate, channels);
    }

    /** True when any sample is NaN or infinite. */
    public boolean hasNonFinite() {
        for (float v : interleaved) {
            if (!Float.isFinite(v)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return "AudioBuffer[" + frames() + " frames, " + channels + " ch, " + sampleRate + " Hz]";
    }
}
