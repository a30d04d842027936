package io.voxtok.cli.support;

import io.voxtok.api.VoxtokException;
import io.voxtok.api.audio.AudioBuffer;
import io.voxtok.api.token.Tokenizer;
import java.nio.file.Path;

/**
 * The numerical-health check of the decoding stage at the CLI boundary, for every tokenizer (the bundled ones also
 * check inside their models; a third-party plugin may not): decoded audio with a NaN or infinite sample is refused
 * naming the input and the tokenizer, before a WAV file is written. One pass over the samples.
 */
public final class DecodedAudioCheck {
    private DecodedAudioCheck() {
    }

    /**
     * Refuses {@code audio} if it has a NaN or infinite sample.
     *
     * @throws VoxtokException USER_INPUT naming the input file and the tokenizer's producer
     */
    public static void requireFinite(AudioBuffer audio, Path input, Tokenizer tokenizer) {
        if (audio.hasNonFinite()) {
            throw VoxtokException.userInput(input + ": decoder output (audio) of " + tokenizer.producer()
                    + " has NaN or infinite samples; nothing written (the model's weights overflow on these tokens:"
                    + " check the checkpoint)");
        }
    }
}
