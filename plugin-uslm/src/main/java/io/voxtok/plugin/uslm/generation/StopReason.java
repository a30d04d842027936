package io.voxtok.plugin.uslm.generation;

/** Why the AR loop stopped. */
public enum StopReason {
    /** The most likely token was EOS (official check 1). */
    EOS_ARGMAX,
    /** The sampled token was EOS (official check 2). */
    EOS_SAMPLED,
    /** More than {@code 16 * x_lens} frames were generated (official check 3, before appending). */
    LENGTH_CAP,
    /** The caller's {@code maxFrames} limit (not official) was reached. */
    MAX_FRAMES
}
