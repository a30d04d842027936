package io.voxtok.training.run;

import java.nio.file.Path;

/**
 * A complete checkpoint directory of a {@link CheckpointStore}.
 *
 * @param step      the training step it was written at
 * @param directory {@code <run>/checkpoints/step-NNNNNN}, holding the trainer's files
 */
public record Checkpoint(long step, Path directory) {
}
