package io.voxtok.audio;

/** The audio container formats Voxtok reads, as recognized by {@link AudioFormatSniffer}. */
public enum AudioFileType {
    /** RIFF/WAVE or RF64 (also big-endian RIFX, which {@link WavReader} then refuses with a clear message). */
    WAV,
    /** Native FLAC ({@code fLaC} marker at byte 0). */
    FLAC,
    /** Anything else. */
    UNKNOWN
}
