package io.voxtok.plugin.uslm.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.voxtok.data.Split;
import io.voxtok.data.lm.LmTokenEntry;
import io.voxtok.data.text.TextVocabulary;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The official padded layout. */
class UslmBatchCollatorTest {
    private final TextVocabulary vocab = TextVocabulary.fromSymbols(List.of("a", "b", "_"));

    private LmTokenEntry entry(String id, List<String> phonemes, int frames) {
        return new LmTokenEntry(id, Split.TRAIN, Path.of(id + ".npy"), "t", "s", frames / 50.0, frames, phonemes,
                vocab.encode(phonemes));
    }

    @Test
    void padsTextAndCodesLikeTheOfficialCollation() {
        // ids: <pad>0 <bos>1 <eos>2 <eps>3 _4 a5 b6
        LmTokenEntry u = entry("u", List.of("a", "_", "b"), 2);
        LmTokenEntry v = entry("v", List.of("b"), 3);
        // 3 stored layers, frame-major: code = 100*item + 10*frame + layer
        Map<String, int[]> codes = Map.of("u", new int[] {100, 101, 102, 110, 111, 112},
                "v", new int[] {200, 201, 202, 210, 211, 212, 220, 221, 222});
        UslmBatch b = new UslmBatchCollator(2).collate(List.of(u, v), e -> codes.get(e.id()), 3);
        assertEquals(List.of("u", "v"), b.ids());
        assertArrayEquals(new long[] {2, 5}, b.textShape());
        assertArrayEquals(new long[] {1, 5, 4, 6, 2, 1, 6, 2, 0, 0}, b.text());
        assertArrayEquals(new int[] {5, 3}, b.xLens());
        assertEquals(Arrays.stream(b.xLens()).max().getAsInt(), b.width());
        assertArrayEquals(new long[] {2, 3, 2}, b.codesShape());
        assertArrayEquals(new long[] {100, 101, 110, 111, 0, 0, 200, 201, 210, 211, 220, 221}, b.codes());
        assertArrayEquals(new int[] {2, 3}, b.yLens());
        assertEquals(Arrays.stream(b.yLens()).max().getAsInt(), b.frames());
    }

    @Test
    void refusesMissingLayersAndWrongCodeCounts() {
        LmTokenEntry u = entry("u", List.of("a"), 2);
        assertThrows(IllegalArgumentException.class,
                () -> new UslmBatchCollator(8).collate(List.of(u), e -> new int[16], 3));
        assertThrows(IllegalArgumentException.class,
                () -> new UslmBatchCollator(2).collate(List.of(u), e -> new int[5], 3));
        assertThrows(IllegalArgumentException.class, () -> new UslmBatchCollator(2).collate(List.of(), e -> null, 3));
    }
}
