package io.voxtok.data.synth;

import io.voxtok.data.PhoneAlignment;
import java.nio.file.Path;

/**
 * The result of one synthesis call.
 *
 * @param wav       the 16-bit mono WAV written
 * @param alignment phone timing reported by the synthesizer for that audio
 */
public record SynthesizedSpeech(Path wav, PhoneAlignment alignment) {
}
