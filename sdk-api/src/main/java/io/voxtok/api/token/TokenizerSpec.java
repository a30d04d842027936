package io.voxtok.api.token;

import java.util.Objects;
import java.util.Optional;

/**
 * What a tokenizer consumes and produces. Immutable.
 *
 * <p>Lengths: {@link #framesFor(int)} frames for {@code L} input samples and {@link #decodedSamplesFor(int)} samples
 * out of {@code decode(encode(x))}. For most tokenizers these are {@code ceil(L / hopLength)} and
 * {@code frames * hopLength}; a tokenizer that codes its input in independent, overlapping windows (EnCodec 48 kHz)
 * declares its {@link Segmentation}, which gives both (since SPI 1.2.0).
 *
 * @param sampleRate      input and output sample rate in Hz
 * @param channels        input and output channels
 * @param hopLength       samples per token frame
 * @param numLayers       number of codebooks (RVQ layers) available
 * @param codebookSize    codes per layer: every code is in {@code [0, codebookSize)}
 * @param semanticLayers  how many leading layers carry content (SpeechTokenizer 1, EnCodec 0)
 * @param causal          true when a sample never influences earlier frames, so chunked encoding equals
 *                        whole-file encoding
 * @param streamable      true when the tokenizer offers {@link StreamingTokenizer}
 * @param segmentation    the windows the input is coded in, or empty when the whole input is coded at once
 */
public record TokenizerSpec(int sampleRate, int channels, int hopLength, int numLayers, int codebookSize,
                            int semanticLayers, boolean causal, boolean streamable,
                            Optional<Segmentation> segmentation) {
    /** Validates. */
    public TokenizerSpec {
        if (sampleRate <= 0 || channels <= 0 || hopLength <= 0 || numLayers <= 0 || codebookSize <= 1) {
            throw new IllegalArgumentException("invalid tokenizer spec");
        }
        if (semanticLayers < 0 || semanticLayers > numLayers) {
            throw new IllegalArgumentException("semanticLayers out of range");
        }
        Objects.requireNonNull(segmentation, "segmentation (Optional.empty() when unsegmented)");
    }

    /** An unsegmented spec: the SPI 1.0 constructor, kept so that plugins built against it work unchanged. */
    public TokenizerSpec(int sampleRate, int channels, int hopLength, int numLayers, int codebookSize,
                         int semanticLayers, boolean causal, boolean streamable) {
        this(sampleRate, channels, hopLength, numLayers, codebookSize, semanticLayers, causal, streamable,
                Optional.empty());
    }

    /** A copy that codes its input in the windows of {@code segmentation}. Since SPI 1.2.0. */
    public TokenizerSpec withSegmentation(Segmentation segmentation) {
        return new TokenizerSpec(sampleRate, channels, hopLength, numLayers, codebookSize, semanticLayers, causal,
                streamable, Optional.of(segmentation));
    }

    /** Token frames per second, {@code sampleRate / hopLength} (per window for a segmented tokenizer). */
    public double frameRate() {
        return sampleRate / (double) hopLength;
    }

    /**
     * Frames produced for {@code samples} input samples: {@code ceil(samples / hopLength)}, or for a segmented
     * tokenizer the sum over its windows ({@link Segmentation#framesFor(int, int)}).
     */
    public int framesFor(int samples) {
        if (segmentation.isPresent()) {
            return segmentation.get().framesFor(samples, hopLength);
        }
        return (int) ((samples + (long) hopLength - 1) / hopLength);
    }

    /**
     * Samples of {@code decode(encode(x))} for {@code x} of {@code samples} samples: {@code framesFor(samples) *
     * hopLength}, or for a segmented tokenizer the end of its furthest-reaching decoded window
     * ({@link Segmentation#decodedLength(int[], int)}). Since SPI 1.2.0.
     */
    public int decodedSamplesFor(int samples) {
        if (segmentation.isPresent()) {
            Segmentation s = segmentation.get();
            return Math.toIntExact(s.decodedLength(s.windowFrames(samples, hopLength), hopLength));
        }
        return Math.multiplyExact(framesFor(samples), hopLength);
    }

    /** Nominal bits per second when {@code layers} layers are kept (window overlaps not counted). */
    public double bitrate(int layers) {
        return layers * (Math.log(codebookSize) / Math.log(2)) * frameRate();
    }

    @Override
    public String toString() {
        return Objects.toString(sampleRate) + " Hz x" + channels + ", " + frameRate() + " frames/s, " + numLayers
                + " x " + codebookSize + " codes" + segmentation.map(s -> ", windows of " + s.length() + " every "
                + s.stride() + " samples").orElse("");
    }
}
