package io.voxtok.cli.support;

import io.voxtok.api.ErrorKind;
import io.voxtok.api.VoxtokException;
import io.voxtok.modelio.OutputClaim;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Runs a command's work input by input so that one bad input does not cost the others their outputs.
 *
 * <p>With several inputs, an input whose work fails gets one line on standard error ({@code voxtok: error:} the
 * file and the reason) and the run goes on; {@link #finish()} prints how many failed and gives exit code 1, so a
 * script sees the failure although every good output was written. With one input the failure is thrown (one
 * error line, the usual exit code), its message starting with the input unless it names it already. Errors
 * ({@link OutOfMemoryError} and the like) always end the run.
 *
 * <p>Either way, outputs that a failed input would have written and that already exist (from an earlier run over
 * the same folder, or written before the failure) are deleted, and the failure line says so: no output in the
 * folder looks valid for an input that failed. An output another process wrote during this run (a claimed output,
 * {@link OutputClaim}) is that process's result and is kept.
 */
public final class BatchRun {
    /** The work of one input. */
    @FunctionalInterface
    public interface Work {
        /** Reads the input and writes its outputs. */
        void run() throws IOException;
    }

    private final PrintWriter err;
    private final boolean verbose;
    private final int total;
    private int failed;
    private int done;

    /**
     * @param err     where failure lines go (the command's error writer)
     * @param verbose also print each failure's stack trace
     * @param total   the number of inputs of the run
     */
    public BatchRun(PrintWriter err, boolean verbose, int total) {
        this.err = err;
        this.verbose = verbose;
        this.total = total;
    }

    /**
     * Runs the work of one input.
     *
     * @param input   the input, named in the failure line
     * @param outputs the files this input writes; on failure those that exist are deleted
     * @return whether the work succeeded
     * @throws RuntimeException the work's failure, when the run has a single input
     */
    public boolean run(Path input, List<Path> outputs, Work work) {
        return run(input, () -> outputs, work);
    }

    /**
     * Runs the work of one input whose outputs are only known after the work (for example one file per batch
     * item): {@code outputs} is asked on failure only.
     *
     * @param input   the input, named in the failure line
     * @param outputs the files this input writes or may have written; on failure those that exist are deleted
     * @return whether the work succeeded
     * @throws RuntimeException the work's failure, when the run has a single input
     */
    public boolean run(Path input, Supplier<List<Path>> outputs, Work work) {
        try {
            work.run();
            done++;
            return true;
        } catch (RuntimeException | IOException e) {
            String removed = removeStale(outputs.get());
            if (total == 1) {
                throw withNote(input, e, removed);
            }
            failed++;
            err.println("voxtok: error: " + describe(input, e) + removed);
            if (verbose) {
                e.printStackTrace(err);
            }
            err.flush();
            return false;
        }
    }

    /** The number of inputs that failed so far. */
    public int failed() {
        return failed;
    }

    /**
     * Ends the run: with failures, prints the summary line.
     *
     * @return the exit code: 0 when every input succeeded, 1 otherwise
     */
    public int finish() {
        if (failed == 0) {
            return 0;
        }
        err.println("voxtok: error: " + failed + " of " + total + " inputs failed (listed above); the other " + done
                + " succeeded");
        err.flush();
        return 1;
    }

    /** The failure's message, starting with the input unless the message already names it. */
    static String describe(Path input, Exception e) {
        String msg = e instanceof VoxtokException || e instanceof IllegalArgumentException ? e.getMessage() : e.toString();
        if (msg == null || msg.isBlank()) {
            msg = e.getClass().getSimpleName();
        }
        boolean named = msg.contains(input.toString()) || msg.contains(input.getFileName().toString());
        return named ? msg : input + ": " + msg;
    }

    private static String removeStale(List<Path> outputs) {
        List<String> removed = new ArrayList<>();
        List<String> kept = new ArrayList<>();
        for (Path p : outputs) {
            if (OutputClaim.changedByOthers(p)) {
                kept.add(p.toString()); // another process's result, written during this run: not ours to delete
                continue;
            }
            try {
                if (Files.isRegularFile(p) && Files.deleteIfExists(p)) {
                    removed.add(p.toString());
                }
            } catch (IOException e) {
                return "; could not remove its stale output " + p + ": " + e.getMessage();
            }
        }
        return (removed.isEmpty() ? "" : "; removed its stale output " + String.join(", ", removed))
                + (kept.isEmpty() ? "" : "; kept " + String.join(", ", kept) + ", which another process wrote");
    }

    /** The failure of a single-input run, naming the input (errors from a model stage do not know the file). */
    private static RuntimeException withNote(Path input, Exception e, String note) {
        String msg = describe(input, e) + note;
        if (e instanceof RuntimeException re && msg.equals(e.getMessage())) {
            return re;
        }
        if (e instanceof VoxtokException ve) {
            return new VoxtokException(ve.kind(), msg, ve);
        }
        if (e instanceof IllegalArgumentException) {
            return new IllegalArgumentException(msg, e);
        }
        return new VoxtokException(e instanceof IOException ? ErrorKind.ENVIRONMENT : ErrorKind.INTERNAL, msg, e);
    }
}
