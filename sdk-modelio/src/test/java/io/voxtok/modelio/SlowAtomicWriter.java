package io.voxtok.modelio;

import java.nio.file.Path;

/**
 * Child-process program for {@link AtomicFilesKillTest}: starts an {@link AtomicFiles#write} of {@code args[0]},
 * writes and flushes a first part, prints {@code writing} and then blocks until the parent kills it (SIGKILL),
 * so the parent sees what a killed writer leaves on disk.
 */
public final class SlowAtomicWriter {
    private SlowAtomicWriter() {
    }

    /** {@code args[0]}: the target file. */
    public static void main(String[] args) {
        AtomicFiles.write(Path.of(args[0]), out -> {
            out.write(new byte[1 << 20]);
            out.flush();
            System.out.println("writing");
            System.out.flush();
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }
}
