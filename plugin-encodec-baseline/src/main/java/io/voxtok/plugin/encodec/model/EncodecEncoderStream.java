package io.voxtok.plugin.encodec.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.voxtok.nn.streaming.LayerStream;

/**
 * Streaming encoder of a causal EnCodec model: audio pushed in pieces of any size, codes returned as soon as
 * they are final. Every convolution carries its left context and the LSTM its state (see
 * {@link io.voxtok.nn.streaming.CausalWindowStream}), so the codes equal whole-signal encoding exactly, except in
 * timing: a frame is returned once every input sample it depends on has arrived, and the frames that depend on
 * the end of the signal come from {@link #finish()}.
 *
 * <p>Latency, measured on the 24 kHz layout (hop 320, see the streaming tests): (1) start-up: the causal
 * convolutions pad on the left by reflection, so the first output of the last k=7 convolution reads latent frames
 * 1..6 and nothing is returned before 7 * 320 = 2240 samples have arrived; (2) afterwards every frame is returned as
 * soon as its last sample has arrived; (3) a frame covering a partial hop depends on the extra right padding
 * {@code E} computed from the total length (SPEC 1.1) and comes from {@link #finish()}. Memory is bounded: each
 * layer keeps at most {@code P + s - 1} samples of context and the LSTM its {@code (h, c)}.
 *
 * <p>Not thread-safe; close it.
 */
public final class EncodecEncoderStream implements AutoCloseable {
    private final EncodecModel model;
    private final NDManager state;
    private final LayerStream stream;
    private final int st;
    private final int end;
    private long samplesIn;
    private long framesOut;
    private boolean finished;

    EncodecEncoderStream(EncodecModel model, NDManager weights, int st, int end) {
        this.model = model;
        this.state = weights.newSubManager();
        this.stream = model.encoder().openStream(state);
        this.st = st;
        this.end = end;
    }

    /**
     * Appends samples of every channel ({@code [channel][n]}); returns the codes {@code [codebook][frame]} of the
     * frames that became final (possibly none).
     */
    public int[][] push(float[][] audio) {
        requireOpen();
        int n = audio[0].length;
        if (n == 0) {
            return new int[end - st][0];
        }
        samplesIn += n;
        try (NDManager step = state.newSubManager()) {
            int c = audio.length;
            float[] flat = new float[c * n];
            for (int ch = 0; ch < c; ch++) {
                System.arraycopy(audio[ch], 0, flat, ch * n, n);
            }
            NDArray x = step.create(flat, new Shape(1, c, n));
            return quantize(stream.push(x));
        }
    }

    /** Ends the stream and returns the remaining frames; the total equals {@code ceil(L / hop)}. */
    public int[][] finish() {
        requireOpen();
        finished = true;
        try (NDManager step = state.newSubManager()) {
            int[][] codes = quantize(stream.finish(step));
            long expected = (samplesIn + model.config().hopLength() - 1) / model.config().hopLength();
            if (framesOut != expected) {
                throw new IllegalStateException("streamed " + framesOut + " frames for " + samplesIn
                        + " samples, expected " + expected);
            }
            return codes;
        } finally {
            close();
        }
    }

    /** Samples pushed so far (per channel). */
    public long samplesIn() {
        return samplesIn;
    }

    /** Frames returned so far. */
    public long framesOut() {
        return framesOut;
    }

    private int[][] quantize(NDArray latent) {
        if (latent == null) {
            return new int[end - st][0];
        }
        try (latent; NDArray codes = model.quantizer().encode(latent, st, end)) {
            int[][] rows = EncodecModel.codeRows(codes);
            framesOut += rows[0].length;
            return rows;
        }
    }

    private void requireOpen() {
        if (finished) {
            throw new IllegalStateException("the stream is finished");
        }
    }

    /** Frees the carried state; idempotent. */
    @Override
    public void close() {
        finished = true;
        stream.close();
        state.close();
    }
}
