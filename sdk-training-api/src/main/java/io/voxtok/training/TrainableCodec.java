package io.voxtok.training;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;

/**
 * A codec that can be trained: its parameters live in {@link #block()}, and {@link #forward} runs the training
 * path (straight-through quantization, EMA codebook updates when {@code training} is true).
 */
public interface TrainableCodec extends AutoCloseable {
    /** The parameters (encoder, decoder, projection); codebooks are buffers updated by EMA, not by gradients. */
    Block block();

    /**
     * Training forward on a batch of audio {@code (B, C, L)}.
     *
     * @param numLayers RVQ layers used (SpeechTokenizer trains with all 8)
     * @param training  true to update codebooks (EMA) and return commitment losses
     */
    CodecForward forward(NDArray audio, int numLayers, boolean training);

    /** Input samples per latent frame (320 for SpeechTokenizer and EnCodec). */
    int hopLength();

    @Override
    void close();
}
