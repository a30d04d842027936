package io.voxtok.runtime.token;

import io.voxtok.api.token.TokenMatrix;
import io.voxtok.api.token.TokenProducer;
import io.voxtok.modelio.NpyFile;
import io.voxtok.modelio.Tensor;
import io.voxtok.testkit.fuzz.MutationFuzzer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mutation fuzzing of the token-file readers (issue #16): {@code .vtok} ({@link TokenFile}) and {@code .npy}
 * tokens ({@link NpyTokens}, as {@code voxtok decode} reads them for a 1024-code tokenizer). Every case either
 * reads or fails with a {@code USER_INPUT} error naming the file.
 */
class TokenFileFuzzTest {
    private static final TokenProducer P = new TokenProducer("speechtokenizer", "default", "ab12cd");

    @TempDir
    Path dir;

    private static TokenMatrix tokens(int layers, int batch, int frames, int codebook) {
        int[] codes = new int[layers * batch * frames];
        for (int i = 0; i < codes.length; i++) {
            codes[i] = (i * 37) % codebook;
        }
        int[] valid = new int[batch];
        java.util.Arrays.fill(valid, frames);
        valid[batch - 1] = frames - 1;
        return TokenMatrix.of(codes, layers, batch, frames, 1, codebook, 50.0, valid, P);
    }

    @Test
    void vtok() throws IOException {
        Path small = dir.resolve("small.vtok");
        TokenFile.write(small, new TokenFileContents(tokens(3, 2, 5, 1024), 16_000, 320, Map.of("source", "a.wav")));
        Path wide = dir.resolve("wide.vtok");
        TokenMatrix w = tokens(1, 1, 4, 65_536).withSideInfo("scale", new float[][] {{0.5f, 2f}});
        TokenFile.write(wide, new TokenFileContents(w, 24_000, 320, Map.of("bandwidth", "6.0")));
        MutationFuzzer.of("vtok", "vtok", TokenFile::read).defaultIterations(1000)
                .seed(Files.readAllBytes(small)).seed(Files.readAllBytes(wide))
                .run(dir.resolve("cases")).assertNoFindings();
    }

    @Test
    void npyTokens() throws IOException {
        Path p = dir.resolve("codes.npy");
        long[] codes = new long[3 * 2 * 4];
        for (int i = 0; i < codes.length; i++) {
            codes[i] = i * 41 % 1024;
        }
        NpyFile.write(p, Tensor.ofLongs(codes, 3, 2, 4));
        MutationFuzzer.of("npy-tokens", "npy", f -> NpyTokens.read(f, 0, 1024, 50.0, P)).defaultIterations(1000)
                .seed(Files.readAllBytes(p))
                .run(dir.resolve("cases")).assertNoFindings();
    }
}
