package io.voxtok.runtime.token;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.voxtok.api.VoxtokException;
import io.voxtok.api.token.TokenMatrix;
import io.voxtok.api.token.TokenProducer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenFileTest {
    @TempDir
    Path dir;

    private static final TokenProducer P = new TokenProducer("speechtokenizer", "default", "ab12cd");

    private static TokenMatrix batch(int codebook) {
        Random r = new Random(7);
        int[][] a = new int[3][50];
        int[][] b = new int[3][37];
        for (int[] row : a) {
            Arrays.setAll(row, i -> r.nextInt(codebook));
        }
        for (int[] row : b) {
            Arrays.setAll(row, i -> r.nextInt(codebook));
        }
        return TokenMatrix.stack(List.of(TokenMatrix.single(a, 1, codebook, 50.0, P),
                TokenMatrix.single(b, 1, codebook, 50.0, P)));
    }

    @Test
    void roundTripKeepsEverything() {
        TokenMatrix t = batch(1024);
        Path f = dir.resolve("x.vtok");
        TokenFile.write(f, new TokenFileContents(t, 16000, 320, Map.of("bandwidth_kbps", "6")));
        assertTrue(TokenFile.isTokenFile(f));
        TokenFileContents back = TokenFile.read(f);
        assertEquals(t, back.tokens());
        assertEquals(16000, back.sampleRate());
        assertEquals(320, back.hopLength());
        assertEquals("6", back.metadata().get("bandwidth_kbps"));
        assertArrayEquals(new int[] {50, 37}, back.tokens().validFrames());
        assertEquals(1, back.tokens().firstLayer());
    }

    @Test
    void sideInformationRoundTripsBitExactly() {
        float[][] scales = {{0.1f, 1e-8f, 123456.79f}, {Float.MIN_VALUE}};
        TokenMatrix t = batch(1024).withSideInfo("scale", scales);
        Path f = dir.resolve("side.vtok");
        TokenFile.write(f, new TokenFileContents(t, 48000, 320, Map.of()));
        TokenMatrix back = TokenFile.read(f).tokens();
        assertEquals(t, back);
        assertArrayEquals(scales[0], back.sideInfo().get("scale")[0]);
        VoxtokException e = assertThrows(VoxtokException.class, () -> NpyTokens.write(dir.resolve("x.npy"), t));
        assertTrue(e.getMessage().contains("side information"), e.getMessage());
    }

    @Test
    void largeCodebooksUseInt32() {
        TokenMatrix t = batch(70000);
        Path f = dir.resolve("wide.vtok");
        TokenFile.write(f, new TokenFileContents(t, 16000, 320, Map.of()));
        assertEquals(t, TokenFile.read(f).tokens());
    }

    @Test
    void theByteLayoutIsAsDocumented() throws Exception {
        TokenMatrix t = TokenMatrix.single(new int[][] {{1, 2, 3}}, 0, 1024, 50.0, P);
        Path f = dir.resolve("layout.vtok");
        TokenFile.write(f, new TokenFileContents(t, 16000, 320, Map.of()));
        byte[] b = Files.readAllBytes(f);
        ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals('V', b[0]);
        assertEquals('K', b[3]);
        assertEquals(1, bb.getShort(4));
        int hl = bb.getInt(8);
        assertEquals(12 + hl + 3 * 2, b.length);
        assertEquals(3, bb.getShort(12 + hl + 4));
    }

    @Test
    void corruptFilesAreNamedErrors() throws Exception {
        Path junk = dir.resolve("junk.vtok");
        Files.writeString(junk, "hello world, not tokens");
        VoxtokException e = assertThrows(VoxtokException.class, () -> TokenFile.read(junk));
        assertTrue(e.getMessage().contains("junk.vtok") && e.getMessage().contains("magic"), e.getMessage());

        TokenMatrix t = batch(1024);
        Path f = dir.resolve("trunc.vtok");
        TokenFile.write(f, new TokenFileContents(t, 16000, 320, Map.of()));
        byte[] all = Files.readAllBytes(f);
        Files.write(f, Arrays.copyOf(all, all.length - 10));
        e = assertThrows(VoxtokException.class, () -> TokenFile.read(f));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());

        ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN).putShort(4, (short) 9);
        Path newer = dir.resolve("newer.vtok");
        Files.write(newer, all);
        e = assertThrows(VoxtokException.class, () -> TokenFile.read(newer));
        assertTrue(e.getMessage().contains("version 9"), e.getMessage());
        assertFalse(TokenFile.isTokenFile(junk));
        assertThrows(VoxtokException.class, () -> TokenFile.read(dir.resolve("absent.vtok")));
    }

    @Test
    void npyTokensMatchTheOfficialLayout() {
        TokenMatrix t = batch(1024);
        TokenMatrix padded = TokenMatrix.of(t.toArray(), t.layers(), t.batchSize(), t.frames(), 0, 1024, 50,
                new int[] {50, 50}, P);
        Path f = dir.resolve("codes.npy");
        NpyTokens.write(f, padded);
        TokenMatrix back = NpyTokens.read(f, 0, 1024, 50, P);
        assertEquals(padded, back);
        VoxtokException e = assertThrows(VoxtokException.class, () -> NpyTokens.read(f, 0, 16, 50, P));
        assertTrue(e.getMessage().contains("outside [0, 16)"), e.getMessage());
    }
}
