package io.voxtok.nn.profile;

import io.voxtok.api.audio.AudioBuffer;

import java.util.List;

/**
 * Optional interface of a tokenizer built from the toolkit's blocks that can say what each of its top-level blocks
 * costs and time them one by one ({@code voxtok bench speed --profile}). Shared with plugins through the toolkit
 * (host-first), not part of the SPI; the host finds it on the unwrapped component.
 */
public interface ProfiledTokenizer {
    /** Analytic per-block cost of encoding {@code samples} samples per channel (no computation). */
    List<BlockCost> encodeCosts(int samples);

    /** Analytic per-block cost of decoding the codes of {@code samples} samples per channel. */
    List<BlockCost> decodeCosts(int samples);

    /**
     * Encodes and decodes {@code audio} with every block timed.
     *
     * @param warmups untimed passes first
     * @param runs    timed passes (the medians are reported)
     */
    TokenizerProfile profile(AudioBuffer audio, int warmups, int runs);
}
