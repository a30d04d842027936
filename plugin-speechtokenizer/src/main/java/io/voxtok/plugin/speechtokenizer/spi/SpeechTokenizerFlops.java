package io.voxtok.plugin.speechtokenizer.spi;

import io.voxtok.plugin.speechtokenizer.config.SpeechTokenizerConfig;

/**
 * Arithmetic cost of SpeechTokenizer per second of 16 kHz audio, counted from the architecture (SPEC 2.2): two
 * FLOPs per multiply-add of every convolution, transposed convolution, LSTM gate product and RVQ distance
 * product; element-wise work (activations, padding, biases) is left out.
 */
public final class SpeechTokenizerFlops {
    private SpeechTokenizerFlops() {
    }

    private static double conv(double rate, int cin, int cout, int k) {
        return 2.0 * rate * cin * cout * k;
    }

    private static double resBlock(SpeechTokenizerConfig c, double rate, int ch) {
        int hidden = ch / 2;
        return conv(rate, ch, hidden, c.residualKernelSize()) + conv(rate, hidden, ch, 1) + conv(rate, ch, ch, 1);
    }

    private static double lstm(double frames, int input, int hidden, int layers, int directions) {
        double f = 0;
        int in = input;
        for (int l = 0; l < layers; l++) {
            f += directions * 2.0 * frames * 4 * hidden * (in + hidden);
            in = hidden * directions;
        }
        return f;
    }

    /** Encoder plus all RVQ layers' distance products, per second of audio. */
    public static double encode(SpeechTokenizerConfig c) {
        double rate = c.sampleRate();
        int f = c.nFilters();
        double flops = conv(rate, 1, f, 7);
        int ch = f;
        int[] strides = c.strides();
        for (int i = strides.length - 1; i >= 0; i--) {
            int s = strides[i];
            flops += resBlock(c, rate, ch);
            rate /= s;
            flops += conv(rate, ch, ch * 2, 2 * s);
            ch *= 2;
        }
        int dirs = c.bidirectional() ? 2 : 1;
        flops += lstm(rate, ch, ch, c.lstmLayers(), dirs);
        flops += conv(rate, ch * dirs, c.dimension(), 7);
        flops += c.nQ() * 2.0 * rate * c.codebookSize() * c.dimension();
        return flops;
    }

    /** Decoder per second of audio (the codebook lookup is negligible). */
    public static double decode(SpeechTokenizerConfig c) {
        int[] strides = c.strides();
        double hop = 1;
        for (int s : strides) {
            hop *= s;
        }
        double rate = c.sampleRate() / hop;
        int ch = c.nFilters() * (1 << strides.length);
        double flops = conv(rate, c.dimension(), ch, 7) + lstm(rate, ch, ch, c.lstmLayers(), 1);
        for (int s : strides) {
            flops += 2.0 * rate * ch * (ch / 2) * (2 * s);
            rate *= s;
            ch /= 2;
            flops += resBlock(c, rate, ch);
        }
        return flops + conv(rate, ch, 1, 7);
    }
}
