package io.voxtok.api.token;

import java.util.Objects;

/**
 * What a tokenizer consumes and produces. Immutable.
 *
 * @param sampleRate      input and output sample rate in Hz
 * @param channels        input and output channels
 * @param hopLength       samples per token frame; frames for {@code L} samples are {@code ceil(L / hopLength)}
 * @param numLayers       number of codebooks (RVQ layers) available
 * @param codebookSize    codes per layer: every code is in {@code [0, codebookSize)}
 * @param semanticLayers  how many leading layers carry content (SpeechTokenizer 1, EnCodec 0)
 * @param causal          true when a sample never influences earlier frames, so chunked encoding equals
 *                        whole-file encoding
 * @param streamable      true when the tokenizer offers {@link StreamingTokenizer}
 */
public record TokenizerSpec(int sampleRate, int channels, int hopLength, int numLayers, int codebookSize,
                            int semanticLayers, boolean causal, boolean streamable) {
    /** Validates. */
    public TokenizerSpec {
        if (sampleRate <= 0 || channels <= 0 || hopLength <= 0 || numLayers <= 0 || codebookSize <= 1) {
            throw new IllegalArgumentException("invalid tokenizer spec");
        }
        if (semanticLayers < 0 || semanticLayers > numLayers) {
            throw new IllegalArgumentException("semanticLayers out of range");
        }
    }

    /** Token frames per second, {@code sampleRate / hopLength}. */
    public double frameRate() {
        return sampleRate / (double) hopLength;
    }

    /** Frames produced for {@code samples} input samples: {@code ceil(samples / hopLength)}. */
    public int framesFor(int samples) {
        return (int) ((samples + (long) hopLength - 1) / hopLength);
    }

    /** Bits per second when {@code layers} layers are kept. */
    public double bitrate(int layers) {
        return layers * (Math.log(codebookSize) / Math.log(2)) * frameRate();
    }

    @Override
    public String toString() {
        return Objects.toString(sampleRate) + " Hz x" + channels + ", " + frameRate() + " frames/s, " + numLayers
                + " x " + codebookSize + " codes";
    }
}
