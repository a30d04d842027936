package io.voxtok.runtime.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.voxtok.api.ErrorKind;
import io.voxtok.api.VoxtokException;
import io.voxtok.api.token.TokenMatrix;
import io.voxtok.api.token.TokenProducer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code .vtok} whose header claims more than the file holds, or whose header and body disagree, is refused
 * with a one-line error naming the file and the field (issue #16: a claimed 1.5e9 batch took 6 GB; a header
 * length or frame count off by a little decoded shifted codes).
 */
class TokenFileSizeBoundsTest {
    @TempDir
    Path dir;

    private static final TokenProducer P = new TokenProducer("speechtokenizer", "default", "ab12cd");

    @Test
    void hugeDeclaredBatchIsRefusedWithoutAllocatingIt() throws Exception {
        // 1 layer x 1.5e9 items x 1 frame: 3 GB of codes claimed by a file of a few hundred bytes
        Path f = craft("huge.vtok", header(1, 1_500_000_000, 1, "[1]"), new byte[6]);
        VoxtokException e = read(f);
        assertTrue(e.getMessage().startsWith(f + ": truncated codes: header declares 1x1500000000x1"), e.getMessage());
    }

    @Test
    void hugeBatchOfEmptyItemsIsRefusedWithoutAllocatingIt() throws Exception {
        // frames = 0: no codes to check against the body, so validFrames must be checked before new int[batch]
        Path f = craft("empty-items.vtok", header(1, 1_500_000_000, 0, "[0]"), new byte[0]);
        assertEquals(f + ": validFrames must list 1500000000 values", read(f).getMessage());
    }

    @Test
    void frameCountSmallerThanTheBodyIsRefused() throws Exception {
        // the body holds 4 frames; a header saying 3 used to decode the first 3 and ignore the rest
        Path f = craft("frames.vtok", header(1, 1, 3, "[3]"), new byte[8]);
        assertEquals(f + ": header field frames/batch/layers disagrees with the body: 1x1x3 = 3 int16 codes "
                + "(6 bytes) but 8 bytes follow the header", read(f).getMessage());
    }

    @Test
    void headerLengthRunningIntoTheCodesIsRefused() throws Exception {
        Path f = dir.resolve("good.vtok");
        TokenFile.write(f, new TokenFileContents(TokenMatrix.single(new int[][] {{1, 2, 3}}, 0, 1024, 50.0, P),
                16000, 320, Map.of()));
        byte[] b = Files.readAllBytes(f);
        ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        bb.putInt(8, bb.getInt(8) + 2); // swallows the first code into the header
        Path shifted = Files.write(dir.resolve("shifted.vtok"), b);
        VoxtokException e = read(shifted);
        assertTrue(e.getMessage().startsWith(shifted + ": header is not one JSON object within its declared length"),
                e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
    }

    @Test
    void headerLengthStoppingShortIsRefused() throws Exception {
        Path f = dir.resolve("good.vtok");
        TokenFile.write(f, new TokenFileContents(TokenMatrix.single(new int[][] {{1, 2, 3}}, 0, 1024, 50.0, P),
                16000, 320, Map.of()));
        byte[] b = Files.readAllBytes(f);
        ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        bb.putInt(8, bb.getInt(8) - 2);
        Path shifted = Files.write(dir.resolve("short.vtok"), b);
        assertTrue(read(shifted).getMessage().startsWith(shifted + ": header is not one JSON object"));
    }

    @Test
    void headerLengthPastTheEndOfTheFileIsRefused() throws Exception {
        byte[] b = Files.readAllBytes(craft("x.vtok", header(1, 1, 1, "[1]"), new byte[2]));
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putInt(8, 1 << 24);
        Path f = Files.write(dir.resolve("long-header.vtok"), b);
        assertEquals(f + ": truncated header: header length 16777216 runs past the end of the file (" + b.length
                + " bytes)", read(f).getMessage());
    }

    @Test
    void unknownCodeTypeIsRefused() throws Exception {
        Path f = craft("type.vtok", header(1, 1, 1, "[1]").replace("int16", "int8"), new byte[1]);
        assertEquals(f + ": header field codeType must be int16 or int32, got 'int8'", read(f).getMessage());
    }

    @Test
    void aCraftedConsistentFileReads() throws Exception {
        // guards the helpers above: the same construction with matching sizes is accepted
        byte[] body = {5, 0, 7, 0};
        TokenMatrix t = TokenFile.read(craft("ok.vtok", header(1, 1, 2, "[2]"), body)).tokens();
        assertEquals(Arrays.toString(new int[] {5, 7}), Arrays.toString(t.toArray()));
    }

    private VoxtokException read(Path f) {
        VoxtokException e = assertThrows(VoxtokException.class, () -> TokenFile.read(f));
        assertEquals(ErrorKind.USER_INPUT, e.kind());
        return e;
    }

    private static String header(int layers, int batch, int frames, String validFrames) {
        return "{\"format\":\"voxtok-tokens\",\"version\":1,\"producer\":{\"name\":\"speechtokenizer\","
                + "\"variant\":\"default\",\"weightsHash\":\"ab12cd\"},\"sampleRate\":16000,\"hopLength\":320,"
                + "\"frameRate\":50.0,\"firstLayer\":0,\"layers\":" + layers + ",\"codebookSize\":1024,\"batch\":"
                + batch + ",\"frames\":" + frames + ",\"validFrames\":" + validFrames + ",\"codeType\":\"int16\","
                + "\"metadata\":{},\"sideInfo\":{}}";
    }

    private Path craft(String name, String header, byte[] body) throws Exception {
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(12 + h.length + body.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {'V', 'T', 'O', 'K'}).putShort((short) 1).putShort((short) 0).putInt(h.length);
        b.put(h).put(body);
        return Files.write(dir.resolve(name), b.array());
    }
}
