package io.voxtok.runtime.convert;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.voxtok.api.token.TokenMatrix;
import io.voxtok.api.token.TokenProducer;
import org.junit.jupiter.api.Test;

class VoiceConverterTest {
    private static final TokenProducer P = new TokenProducer("x", "default", "none");

    @Test
    void referenceIsTruncatedOrRepeatedCircularly() {
        TokenMatrix ref = TokenMatrix.single(new int[][] {{1, 2, 3}, {4, 5, 6}}, 1, 8, 50, P);
        assertArrayEquals(new int[] {1, 2, 3, 1, 2, 3, 1}, VoiceConverter.fitFrames(ref, 7).itemCodes(0)[0]);
        assertArrayEquals(new int[] {4, 5}, VoiceConverter.fitFrames(ref, 2).itemCodes(0)[1]);
    }
}
