package io.voxtok.plugin.speakerencoder.onnx;

import io.voxtok.api.VoxtokException;

/** What an ONNX speaker encoder takes as its single input. */
public enum OnnxInputKind {
    /** The waveform, {@code (1, N)} float32 in [-1, 1] (e.g. SpeechBrain or WavLM exports that compute their own features). */
    WAVEFORM,
    /** Kaldi fbank features {@code (1, T, bins)} ({@link KaldiFbank}; e.g. WeSpeaker ECAPA-TDNN / ResNet exports). */
    FBANK;

    /** Parses {@code waveform} or {@code fbank}. */
    public static OnnxInputKind parse(String s) {
        return switch (s) {
            case "waveform" -> WAVEFORM;
            case "fbank" -> FBANK;
            default -> throw VoxtokException.userInput("unknown ONNX speaker-encoder input '" + s
                    + "' (expected waveform or fbank)");
        };
    }
}
