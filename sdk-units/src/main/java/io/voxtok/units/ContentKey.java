package io.voxtok.units;

import io.voxtok.api.ErrorKind;
import io.voxtok.api.VoxtokException;
import io.voxtok.api.audio.AudioBuffer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * What a cached result was computed from, as a string that changes whenever the content does: the SHA-256 of a
 * file's bytes, or of decoded audio's rate, channel count and samples. A cache compares keys instead of names, so a
 * file replaced under the same name, or with the same size and time stamp, is never served stale results.
 */
public final class ContentKey {
    private ContentKey() {
    }

    /**
     * The key of a file's bytes: {@code sha256:<hex>}.
     *
     * @throws VoxtokException USER_INPUT for a missing file, ENVIRONMENT for other read failures, naming the file
     */
    public static String ofFile(Path file) {
        MessageDigest md = sha256();
        byte[] buf = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                md.update(buf, 0, n);
            }
        } catch (NoSuchFileException e) {
            throw VoxtokException.userInput(file + ": no such file");
        } catch (IOException e) {
            throw new VoxtokException(ErrorKind.ENVIRONMENT, file + ": cannot read: " + e.getMessage(), e);
        }
        return "sha256:" + HexFormat.of().formatHex(md.digest());
    }

    /** The key of decoded audio (for items that have no file): {@code pcm-sha256:<hex>}. */
    public static String ofAudio(AudioBuffer audio) {
        MessageDigest md = sha256();
        ByteBuffer head = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
        head.putInt(audio.sampleRate()).putInt(audio.channels()).putInt(audio.frames());
        md.update(head.array());
        FloatBuffer s = audio.samples().duplicate();
        ByteBuffer chunk = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
        while (s.hasRemaining()) {
            chunk.clear();
            while (s.hasRemaining() && chunk.remaining() >= Float.BYTES) {
                chunk.putInt(Float.floatToIntBits(s.get()));
            }
            chunk.flip();
            md.update(chunk);
        }
        return "pcm-sha256:" + HexFormat.of().formatHex(md.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
