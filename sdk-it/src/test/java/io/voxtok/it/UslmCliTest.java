package io.voxtok.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.voxtok.modelio.NpyFile;
import io.voxtok.modelio.Tensor;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code voxtok lm generate} on the official USLM fixture model, through the packaged uslm plugin. */
class UslmCliTest {
    @TempDir
    Path dir;

    private static Path fixture() {
        return Path.of(System.getProperty("voxtok.shared"), "fixtures", "parity", "uslm", "uslm");
    }

    @Test
    void lmGenerateReproducesTheOfficialCodes() {
        Path out = dir.resolve("codes.npy");
        Cli r = Cli.run("lm", "generate", "--lm", "uslm", "-m", fixture().toString(),
                "--text-ids", fixture().resolve("inputs/infer_eos_x.npy").toString(),
                "--prompt-codes", fixture().resolve("inputs/infer_eos_prompt.npy").toString(),
                "--enroll-x-lens", "5", "--top-k", "1", "-o", out.toString());
        assertEquals(0, r.code(), r.err());
        Tensor expected = NpyFile.read(fixture().resolve("expected/infer_eos_codes.npy"));
        Tensor actual = NpyFile.read(out);
        assertArrayEquals(expected.shape(), actual.shape());
        assertArrayEquals(expected.toLongArray(), actual.toLongArray());
    }

    @Test
    void badInputIsReportedWithTheFileName() {
        Cli r = Cli.run("lm", "generate", "-m", fixture().toString(),
                "--text-ids", fixture().resolve("inputs/infer_eos_prompt.npy").toString(),
                "--prompt-codes", fixture().resolve("inputs/infer_eos_prompt.npy").toString(), "-o",
                dir.resolve("x.npy").toString());
        assertTrue(r.code() != 0);
        assertTrue(r.err().contains("infer_eos_prompt.npy"), r.err());
    }

    @Test
    void lmGenerateAnswersHelp() {
        Cli r = Cli.run("lm", "generate", "--help");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("--text-ids"), r.out());
    }
}
