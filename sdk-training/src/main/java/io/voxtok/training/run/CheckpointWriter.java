package io.voxtok.training.run;

import java.io.IOException;
import java.nio.file.Path;

/** Writes a checkpoint's files (weights, optimiser state, sampler position, ...) into an empty directory. */
@FunctionalInterface
public interface CheckpointWriter {
    /**
     * Writes everything into {@code directory}, a fresh temporary directory that becomes the checkpoint only after
     * this returns and the files are on disk; files may be written directly (no atomic tricks needed).
     */
    void write(Path directory) throws IOException;
}
