package io.voxtok.cli.command;

import io.voxtok.api.ComponentConfig;
import io.voxtok.api.VoxtokException;
import io.voxtok.api.lm.LanguageModel;
import io.voxtok.api.lm.SamplingParams;
import io.voxtok.api.lm.TokenIdRequest;
import io.voxtok.api.token.TokenMatrix;
import io.voxtok.api.token.TokenProducer;
import io.voxtok.cli.support.RuntimeOptions;
import io.voxtok.modelio.NpyFile;
import io.voxtok.modelio.Tensor;
import io.voxtok.runtime.VoxtokRuntime;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code voxtok lm generate}: text token ids and prompt codes in, generated codes out, through the
 * {@link LanguageModel#generateFromIds} SPI. Files are int64 {@code .npy}: text ids {@code (1, S)} or {@code (S)},
 * prompt codes {@code (1, T_prompt, Q)} or {@code (T_prompt, Q)}, output {@code (1, T_gen, Q)} like the official
 * {@code USLM.inference}.
 */
@Command(name = "generate", description = "Generate codes from text token ids and prompt codes (.npy in, .npy out).")
public final class LmGenerateCommand implements Callable<Integer> {
    @Mixin
    RuntimeOptions runtime;

    @Option(names = {"-l", "--lm"}, paramLabel = "NAME",
            description = "language model name (uslm or valle; see 'voxtok plugins'); default: the model's model_class")
    String lm;

    @Option(names = {"-m", "--model"}, required = true, paramLabel = "DIR|NAME",
            description = "model directory (config.json + model.pt or model.safetensors) or shipped model name")
    Path model;

    @Option(names = "--text-ids", required = true, paramLabel = "X.npy",
            description = "int64 text ids <bos> prompt-transcript target-text <eos>, shape (1,S) or (S)")
    Path textIds;

    @Option(names = "--prompt-codes", required = true, paramLabel = "P.npy",
            description = "int64 prompt codes, shape (1,T,Q) or (T,Q)")
    Path promptCodes;

    @Option(names = "--enroll-x-lens", paramLabel = "N",
            description = "number of leading text ids that belong to the prompt transcript (official enroll_x_lens)")
    Integer enrollXLens;

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
            description = "extra limit on generated frames (default: only the official 16 * text-length cap)")
    Integer maxFrames;

    @Option(names = "--no-kv-cache", description = "use the official uncached AR loop (same tokens, much slower)")
    boolean noKvCache;

    @Option(names = {"-O", "--option"}, paramLabel = "KEY=VALUE", description = "model option (repeatable)")
    Map<String, String> options = new LinkedHashMap<>();

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT.npy", description = "output codes (1,T,Q) int64")
    Path output;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        long[] ids = readTextIds(textIds);
        Tensor prompt = NpyFile.read(promptCodes);
        Map<String, String> o = new LinkedHashMap<>(options);
        if (noKvCache) {
            o.put("kv-cache", "false");
        }
        try (VoxtokRuntime rt = runtime.start()) {
            Path dir = RuntimeOptions.resolveModel(model);
            String lmName = io.voxtok.cli.support.LanguageModelSelection.of(lm, dir);
            LanguageModel m = rt.createLanguageModel(lmName, new ComponentConfig(o, Optional.of(dir)));
            if (!m.supportsTokenIds()) {
                throw VoxtokException.userInput(lmName + " cannot generate from token ids");
            }
            TokenMatrix promptTokens = promptMatrix(promptCodes, prompt, m.spec().tokenizer());
            SamplingParams sampling = new SamplingParams(temperature, topK, topP,
                    maxFrames == null ? Integer.MAX_VALUE : maxFrames);
            TokenIdRequest req = new TokenIdRequest(ids, Optional.of(promptTokens),
                    enrollXLens == null ? OptionalInt.empty() : OptionalInt.of(enrollXLens), sampling, seed);
            TokenMatrix out = m.generateFromIds(req);
            int q = out.layers();
            int t = out.frames();
            long[] flat = new long[t * q];
            for (int f = 0; f < t; f++) {
                for (int l = 0; l < q; l++) {
                    flat[f * q + l] = out.code(l, 0, f);
                }
            }
            NpyFile.write(output, Tensor.ofLongs(flat, 1, t, q));
            spec.commandLine().getOut().printf("generated %d frames (%.2f s at %.0f Hz) -> %s%n", t,
                    t / out.frameRate(), out.frameRate(), output);
            spec.commandLine().getOut().flush();
        }
        return 0;
    }

    private static long[] readTextIds(Path file) {
        Tensor t = NpyFile.read(file);
        long[] shape = t.shape();
        if (!(shape.length == 1 || (shape.length == 2 && shape[0] == 1)) || t.numel() == 0) {
            throw VoxtokException.userInput(file + ": text ids must have shape (1,S) or (S) with S > 0, got "
                    + java.util.Arrays.toString(shape));
        }
        requireInteger(file, t);
        return t.toLongArray();
    }

    private static TokenMatrix promptMatrix(Path file, Tensor t, String tokenizer) {
        long[] shape = t.shape();
        boolean ok = shape.length == 3 && shape[0] == 1 || shape.length == 2;
        if (!ok || t.numel() == 0) {
            throw VoxtokException.userInput(file + ": prompt codes must have shape (1,T,Q) or (T,Q), got "
                    + java.util.Arrays.toString(shape));
        }
        requireInteger(file, t);
        int frames = (int) shape[shape.length - 2];
        int q = (int) shape[shape.length - 1];
        long[] v = t.toLongArray();
        int[] codes = new int[q * frames];
        for (int f = 0; f < frames; f++) {
            for (int l = 0; l < q; l++) {
                long c = v[f * q + l];
                if (c < 0 || c >= 1024) {
                    throw VoxtokException.userInput(file + ": code " + c + " at frame " + f + ", layer " + l
                            + " is outside [0, 1024)");
                }
                codes[l * frames + f] = (int) c;
            }
        }
        // The producer's weights are unknown for a bare .npy; the output inherits this producer.
        return TokenMatrix.of(codes, q, 1, frames, 0, 1024, 50.0, new int[] {frames},
                new TokenProducer(tokenizer, "default", "unknown"));
    }

    private static void requireInteger(Path file, Tensor t) {
        switch (t.dtype()) {
            case INT64, INT32, INT16, INT8, UINT8 -> { }
            default -> throw VoxtokException.userInput(file + ": expected integer ids, got " + t.dtype());
        }
    }
}
