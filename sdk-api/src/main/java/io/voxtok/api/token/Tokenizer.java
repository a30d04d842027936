package io.voxtok.api.token;

import io.voxtok.api.Component;
import io.voxtok.api.audio.AudioBuffer;
import java.util.List;

/**
 * Turns audio into discrete tokens and back.
 *
 * <p>Thread safety: implementations are safe for concurrent {@code encode}/{@code decode} calls from many
 * threads (each call owns its native scratch memory), and give identical codes whatever the concurrency.
 * Inputs must have the tokenizer's sample rate and channels ({@link #spec()}); callers resample first (the
 * runtime's audio reader does). Empty, non-finite or wrong-rate audio is refused with a
 * {@link io.voxtok.api.VoxtokException} of kind {@code USER_INPUT}.
 */
public interface Tokenizer extends Component {
    /** What this tokenizer consumes and produces. */
    TokenizerSpec spec();

    /** The producer stamped on every token matrix this tokenizer makes. */
    TokenProducer producer();

    /**
     * Settings that shaped the tokens and that a reader of a token file needs to know (e.g. EnCodec's
     * {@code bandwidth_kbps}); recorded in the SDK's token container. Empty by default.
     */
    default java.util.Map<String, String> tokenMetadata() {
        return java.util.Map.of();
    }

    /**
     * Encodes one item with the given layers: the result has {@code layers.size()} layers, one item,
     * {@code spec().framesFor(audio.frames())} frames.
     */
    TokenMatrix encode(AudioBuffer audio, LayerRange layers);

    /**
     * Like {@link #encode(AudioBuffer, LayerRange)}, reporting progress inside the item to {@code progress}, for
     * tokenizers that encode long audio piece by piece (windows, segments): {@code onProgress(done, total)} after each
     * piece, on the calling thread. The codes are exactly those of {@code encode(audio, layers)}. The default reports
     * nothing: a tokenizer that encodes in one pass has no intermediate progress to give.
     *
     * @since SPI 1.3.0
     */
    default TokenMatrix encode(AudioBuffer audio, LayerRange layers, io.voxtok.api.bench.ProgressListener progress) {
        return encode(audio, layers);
    }

    /** Encodes one item with every layer. */
    default TokenMatrix encode(AudioBuffer audio) {
        return encode(audio, LayerRange.first(spec().numLayers()));
    }

    /**
     * Encodes a batch of items of different lengths. Item {@code i} of the result has exactly the codes of
     * {@code encode(items.get(i), layers)} and {@code validFrames(i)} frames; implementations may run the batch
     * together when that preserves this guarantee.
     */
    default TokenMatrix encodeBatch(List<AudioBuffer> items, LayerRange layers) {
        return TokenMatrix.stack(items.stream().map(a -> encode(a, layers)).toList());
    }

    /**
     * Decodes item 0..B-1 of {@code tokens} to audio of {@code validFrames(i) * hopLength} samples each; for tokens
     * that {@code encode} made from {@code L} samples that is {@code spec().decodedSamplesFor(L)}. A segmented
     * tokenizer ({@link TokenizerSpec#segmentation()}) instead returns the end of its furthest-reaching decoded
     * window, {@link Segmentation#decodedLength(int[], int)} of the windows the tokens hold, which is again
     * {@code spec().decodedSamplesFor(L)} for tokens of {@code L} samples.
     *
     * @throws io.voxtok.api.VoxtokException {@code USER_INPUT} when the tokens come from another producer or
     *                                       hold layers this tokenizer does not have
     */
    List<AudioBuffer> decodeBatch(TokenMatrix tokens);

    /** Decodes a single-item matrix. */
    default AudioBuffer decode(TokenMatrix tokens) {
        if (tokens.batchSize() != 1) {
            throw new IllegalArgumentException("decode takes one item; use decodeBatch for " + tokens.batchSize());
        }
        return decodeBatch(tokens).get(0);
    }
}
