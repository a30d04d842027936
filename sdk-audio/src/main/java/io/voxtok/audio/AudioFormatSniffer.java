package io.voxtok.audio;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Recognizes an audio file by its first bytes (never by its name): {@code RIFF}/{@code RF64}/{@code RIFX} with
 * form type {@code WAVE} is WAV, {@code fLaC} is FLAC.
 */
public final class AudioFormatSniffer {
    /** Bytes needed to tell the formats apart. */
    static final int HEADER_BYTES = 12;

    private AudioFormatSniffer() {
    }

    /**
     * The type of {@code file}.
     *
     * @throws io.voxtok.api.VoxtokException {@code USER_INPUT} when the file is missing or empty,
     *     {@code ENVIRONMENT} when it cannot be read
     */
    public static AudioFileType detect(Path file) {
        byte[] head = new byte[HEADER_BYTES];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, head.length);
        } catch (IOException e) {
            throw AudioFileErrors.readFailure(file, e);
        }
        if (n == 0) {
            throw AudioFileErrors.badInput(file, "empty file");
        }
        return detect(head, n);
    }

    /** The type of a file starting with {@code head[0 .. length)}. */
    public static AudioFileType detect(byte[] head, int length) {
        String magic = ascii(head, 0, length);
        if (magic.equals("fLaC")) {
            return AudioFileType.FLAC;
        }
        boolean riff = magic.equals("RIFF") || magic.equals("RF64") || magic.equals("RIFX");
        if (riff && length < HEADER_BYTES) {
            return AudioFileType.WAV; // a truncated WAV header: let WavReader say so
        }
        if (riff && ascii(head, 8, length).equals("WAVE")) {
            return AudioFileType.WAV;
        }
        return AudioFileType.UNKNOWN;
    }

    private static String ascii(byte[] b, int from, int length) {
        if (from + 4 > length) {
            return "";
        }
        return new String(b, from, 4, StandardCharsets.ISO_8859_1);
    }
}
