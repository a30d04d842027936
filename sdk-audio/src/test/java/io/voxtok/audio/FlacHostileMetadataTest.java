package io.voxtok.audio;

import io.voxtok.api.ErrorKind;
import io.voxtok.api.VoxtokException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * FLAC metadata that declares more than the file holds is refused before anything is allocated from it (issue #16:
 * a huge Vorbis vendor-string length ran jflac out of memory; a STREAMINFO claiming 2^31 samples took gigabytes).
 * The fixture's metadata is STREAMINFO (bytes 4..42), SEEKTABLE (42..64), then a last VORBIS_COMMENT (64..136).
 */
class FlacHostileMetadataTest {
    private static final String FIXTURE = "flacsig_s16_stereo_16000.flac";
    private static final int COMMENT_BLOCK = 64;
    private static final int AUDIO = 136;

    @TempDir
    Path tmp;

    @Test
    void vendorLengthBeyondItsBlockIsRefused() throws IOException {
        ByteBuffer body = le(12).putInt(0x7FFF_FFF0).putInt(0).putInt(0);
        Path f = write("vendor.flac", withComment(body.array()));
        assertRefused(f, "FLAC metadata block 2 (VORBIS_COMMENT): vendor string length 2147483632 exceeds the 8 "
                + "bytes left in the block");
    }

    @Test
    void commentCountBeyondItsBlockIsRefused() throws IOException {
        ByteBuffer body = le(8).putInt(0).putInt(1_000_000_000);
        Path f = write("count.flac", withComment(body.array()));
        assertRefused(f, "FLAC metadata block 2 (VORBIS_COMMENT): comment count 1000000000 does not fit in its 8 "
                + "bytes");
    }

    @Test
    void commentLengthBeyondItsBlockIsRefused() throws IOException {
        ByteBuffer body = le(16).putInt(0).putInt(1).putInt(1 << 30).putInt(0);
        Path f = write("comment.flac", withComment(body.array()));
        assertRefused(f, "FLAC metadata block 2 (VORBIS_COMMENT): comment 0 length 1073741824 exceeds the 4 bytes "
                + "left in the block");
    }

    @Test
    void blockLongerThanTheFileIsRefused() throws IOException {
        byte[] b = AudioFixtures.readBytes(FIXTURE);
        b[COMMENT_BLOCK + 1] = (byte) 0xFF; // 24-bit length: now about 16 MB
        Path f = write("block.flac", b);
        assertRefused(f, "FLAC metadata block 2 (VORBIS_COMMENT) declares 16711748 bytes but only "
                + (b.length - COMMENT_BLOCK - 4) + " remain in the file");
    }

    @Test
    void sampleCountTheFileCannotHoldIsRefused() throws IOException {
        byte[] b = AudioFixtures.readBytes(FIXTURE);
        setTotalSamples(b, 1L << 31);
        Path f = write("total.flac", b);
        assertRefused(f, "FLAC STREAMINFO total samples 2147483648 is more than a file of " + b.length
                + " bytes can hold");
    }

    @Test
    void wellFormedCommentsStillRead() throws IOException {
        // guards the crafting above: a consistent block built the same way is accepted, audio unchanged
        byte[] vendor = "voxtok".getBytes(StandardCharsets.US_ASCII);
        byte[] comment = "TITLE=x".getBytes(StandardCharsets.US_ASCII);
        ByteBuffer body = le(4 + vendor.length + 4 + 4 + comment.length).putInt(vendor.length).put(vendor)
                .putInt(1).putInt(comment.length).put(comment);
        Path f = write("ok.flac", withComment(body.array()));
        assertArrayEquals(FlacReader.read(AudioFixtures.file(FIXTURE)).toArray(), FlacReader.read(f).toArray());
    }

    /** Stores {@code total} in STREAMINFO's 36-bit total-samples field (bytes 21..25 of the file). */
    static void setTotalSamples(byte[] b, long total) {
        int at = 8 + 13; // block body starts at 8; the field starts at the low nibble of body byte 13
        b[at] = (byte) ((b[at] & 0xF0) | (int) ((total >>> 32) & 0x0F));
        ByteBuffer.wrap(b).putInt(at + 1, (int) total);
    }

    private static byte[] withComment(byte[] body) {
        byte[] fixture = AudioFixtures.readBytes(FIXTURE);
        ByteBuffer b = ByteBuffer.allocate(COMMENT_BLOCK + 4 + body.length + fixture.length - AUDIO);
        b.put(fixture, 0, COMMENT_BLOCK);
        b.put((byte) 0x84).put((byte) (body.length >>> 16)).put((byte) (body.length >>> 8)).put((byte) body.length);
        b.put(body).put(Arrays.copyOfRange(fixture, AUDIO, fixture.length));
        return b.array();
    }

    private static ByteBuffer le(int n) {
        return ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
    }

    private Path write(String name, byte[] b) throws IOException {
        return Files.write(tmp.resolve(name), b);
    }

    private static void assertRefused(Path f, String problem) {
        VoxtokException e = assertThrows(VoxtokException.class, () -> FlacReader.read(f));
        assertEquals(ErrorKind.USER_INPUT, e.kind());
        assertEquals(f + ": " + problem, e.getMessage());
    }
}
