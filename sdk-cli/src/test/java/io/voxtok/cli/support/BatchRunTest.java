package io.voxtok.cli.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.voxtok.api.ErrorKind;
import io.voxtok.api.VoxtokException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One bad input does not cost the others their outputs; its stale output does not stay looking valid. */
class BatchRunTest {
    @TempDir
    Path dir;

    private final StringWriter err = new StringWriter();

    @Test
    void failuresAreListedTheRestRunsAndTheExitCodeIsOne() throws IOException {
        BatchRun run = new BatchRun(new PrintWriter(err, true), false, 3);
        Path good1 = dir.resolve("g1.out");
        Path stale = Files.writeString(dir.resolve("bad.out"), "from an earlier run");
        assertTrue(run.run(Path.of("in/g1.wav"), List.of(good1), () -> Files.writeString(good1, "ok")));
        assertFalse(run.run(Path.of("in/bad.wav"), List.of(stale), () -> {
            throw VoxtokException.userInput("in/bad.wav: not a WAV file");
        }));
        assertTrue(run.run(Path.of("in/g2.wav"), List.of(), () -> { }));
        assertEquals(1, run.failed());
        assertEquals(1, run.finish());
        assertEquals("voxtok: error: in/bad.wav: not a WAV file; removed its stale output " + stale + "\n"
                + "voxtok: error: 1 of 3 inputs failed (listed above); the other 2 succeeded\n", err.toString());
        assertFalse(Files.exists(stale));
        assertTrue(Files.exists(good1));
    }

    @Test
    void aMessageThatDoesNotNameTheInputGetsItAndNonVoxtokFailuresShowTheirType() {
        BatchRun run = new BatchRun(new PrintWriter(err, true), false, 2);
        run.run(Path.of("a.vtok"), List.of(), () -> {
            throw new VoxtokException(ErrorKind.PLUGIN, "decoder returned 0 samples");
        });
        run.run(Path.of("b.vtok"), List.of(), () -> {
            throw new IllegalStateException("boom");
        });
        assertEquals(1, run.finish());
        assertTrue(err.toString().startsWith("voxtok: error: a.vtok: decoder returned 0 samples\n"
                + "voxtok: error: b.vtok: java.lang.IllegalStateException: boom\n"), err.toString());
    }

    @Test
    void withoutFailuresNothingIsPrintedAndTheExitCodeIsZero() {
        BatchRun run = new BatchRun(new PrintWriter(err, true), false, 2);
        run.run(Path.of("a"), List.of(), () -> { });
        run.run(Path.of("b"), List.of(), () -> { });
        assertEquals(0, run.finish());
        assertEquals("", err.toString());
    }

    @Test
    void aSingleInputThrowsItsFailureAsBeforeAfterRemovingTheStaleOutput() throws IOException {
        BatchRun run = new BatchRun(new PrintWriter(err, true), false, 1);
        VoxtokException cause = VoxtokException.userInput("x.wav: truncated");
        assertSame(cause, assertThrows(VoxtokException.class, () -> run.run(Path.of("x.wav"), List.of(dir.resolve("none")),
                () -> {
                    throw cause;
                })), "nothing to remove: the original exception");
        Path stale = Files.writeString(dir.resolve("x.vtok"), "old");
        VoxtokException e = assertThrows(VoxtokException.class, () -> run.run(Path.of("x.wav"), List.of(stale), () -> {
            throw cause;
        }));
        assertEquals(ErrorKind.USER_INPUT, e.kind());
        assertEquals("x.wav: truncated; removed its stale output " + stale, e.getMessage());
        assertFalse(Files.exists(stale));
        assertEquals("", err.toString(), "the CLI's handler prints the one error line");
    }

    @Test
    void aSingleInputsFailureFromAModelStageGetsTheInputsName() {
        BatchRun run = new BatchRun(new PrintWriter(err, true), false, 1);
        VoxtokException e = assertThrows(VoxtokException.class, () -> run.run(Path.of("in/x.wav"), List.of(), () -> {
            throw new VoxtokException(ErrorKind.PLUGIN, "encoder output (latents) has NaN or infinite values");
        }));
        assertEquals(ErrorKind.PLUGIN, e.kind());
        assertEquals("in/x.wav: encoder output (latents) has NaN or infinite values", e.getMessage());
    }

    @Test
    void errorsEndTheRun() {
        BatchRun run = new BatchRun(new PrintWriter(err, true), false, 2);
        assertThrows(OutOfMemoryError.class, () -> run.run(Path.of("a"), List.of(), () -> {
            throw new OutOfMemoryError("Java heap space");
        }));
    }
}
