package io.voxtok.cli.tts;

import io.voxtok.api.VoxtokException;
import io.voxtok.api.lm.SamplingParams;
import picocli.CommandLine.Option;

/**
 * {@code --top-k --top-p --temperature --seed --max-frames}: the AR sampling settings of zero-shot TTS, with the
 * official {@code bin/infer.py} defaults (all tokens, nucleus off, temperature 1).
 */
public final class SamplingOptions {
    @Option(names = "--top-k", defaultValue = "0", paramLabel = "K",
            description = "keep the K most likely tokens; 0 = all (the official default -100); 1 = greedy")
    int topK;

    @Option(names = "--top-p", defaultValue = "1.0", paramLabel = "P", description = "nucleus mass (default 1 = off)")
    float topP;

    @Option(names = "--temperature", defaultValue = "1.0", paramLabel = "T", description = "softmax temperature (default 1)")
    float temperature;

    @Option(names = "--seed", defaultValue = "0", paramLabel = "S", description = "sampling seed (default 0)")
    long seed;

    @Option(names = "--max-frames", paramLabel = "N",
            description = "extra limit on generated frames (default: only the official 16 x text-length cap)")
    Integer maxFrames;

    /** The sampling parameters. */
    public SamplingParams params() {
        if (topK < 0) {
            throw VoxtokException.userInput("--top-k must be >= 0, got " + topK);
        }
        if (!(topP > 0 && topP <= 1)) {
            throw VoxtokException.userInput("--top-p must be in (0, 1], got " + topP);
        }
        if (!(temperature > 0)) {
            throw VoxtokException.userInput("--temperature must be positive, got " + temperature);
        }
        if (maxFrames != null && maxFrames < 1) {
            throw VoxtokException.userInput("--max-frames must be >= 1, got " + maxFrames);
        }
        return new SamplingParams(temperature, topK, topP, maxFrames == null ? Integer.MAX_VALUE : maxFrames);
    }

    /** The seed. */
    public long seed() {
        return seed;
    }
}
