package io.voxtok.metrics;

import io.voxtok.api.bench.Metric;
import io.voxtok.api.token.TokenMatrix;
import java.util.Map;

/**
 * Token rate and bitrate of a token stream. With frame rate {@code f} (frames per second), {@code L} layers
 * (codebooks) of sizes {@code K_l}: token rate = {@code f * L} tokens/s, bitrate = {@code f * sum_l log2 K_l}
 * bits/s (the information-theoretic upper bound of uncompressed codes, e.g. 50 Hz x 8 x log2 1024 = 4000 b/s).
 */
public final class TokenRates {
    /** Definition version. */
    public static final String VERSION = "1";

    private TokenRates() {
    }

    /** Tokens per second. */
    public static Metric tokenRate(double frameRate, int layers) {
        check(frameRate, layers, 2);
        return new Metric("token_rate", frameRate * layers, "tokens/s", false, VERSION,
                Map.of("frame_rate", "" + frameRate, "layers", "" + layers));
    }

    /** Bits per second for {@code layers} codebooks of {@code codebookSize} entries. */
    public static Metric bitrate(double frameRate, int layers, int codebookSize) {
        check(frameRate, layers, codebookSize);
        double bits = frameRate * layers * (Math.log(codebookSize) / Math.log(2));
        return new Metric("bitrate", bits, "bit/s", false, VERSION, Map.of("frame_rate", "" + frameRate,
                "layers", "" + layers, "codebook_size", "" + codebookSize));
    }

    /** Bitrate of a token matrix (its frame rate, layer count and codebook size). */
    public static Metric bitrate(TokenMatrix tokens) {
        return bitrate(tokens.frameRate(), tokens.layers(), tokens.codebookSize());
    }

    /** Token rate of a token matrix. */
    public static Metric tokenRate(TokenMatrix tokens) {
        return tokenRate(tokens.frameRate(), tokens.layers());
    }

    private static void check(double frameRate, int layers, int codebookSize) {
        if (!(frameRate > 0) || !Double.isFinite(frameRate) || layers < 1 || codebookSize < 2) {
            throw new IllegalArgumentException("bad token stream: frame rate " + frameRate + ", " + layers
                    + " layers, codebook size " + codebookSize);
        }
    }
}
