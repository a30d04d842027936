package io.voxtok.data.synth;

import java.nio.file.Path;
import java.util.Collection;

/** A text-to-speech engine that also reports the phone timing of what it produced. Thread-safe. */
public interface SpeechSynthesizer {
    /** Engine name and version for provenance, e.g. {@code flite 2.2}. */
    String description();

    /** Sample rate of the audio written. */
    int sampleRate();

    /**
     * Fails with a message naming the Debian package when the engine or the voice of one of {@code voices} is
     * missing.
     */
    void checkAvailable(Collection<VoiceSpec> voices);

    /** Synthesizes {@code text} with {@code voice} into {@code wav} (16-bit mono WAV) and returns its alignment. */
    SynthesizedSpeech synthesize(String text, VoiceSpec voice, Path wav);
}
