package io.voxtok.plugin.slmtokbench.alignment;

import io.voxtok.api.VoxtokException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * End to end on a synthetic task: transcripts of random words over a 5-letter alphabet, and two token streams of
 * two codebook layers each (summed embeddings). "Informative" tokens encode each character (layer 0 holds the
 * character's id for 2 or 3 frames, with a separator token between characters; layer 1 is noise); "random" tokens
 * have the same lengths and are noise in both layers. The probe must learn the first (low WER, high MI) and not the
 * second: this test fails if the probe does not learn from its input.
 */
class TextAlignmentProbeTest {
    private static final String LETTERS = "abcde";
    private static final ProbePreset TOY = new ProbePreset("toy", 1, 32, 16, InputCombination.SUM, 8, 8, 1.5e-2, 64);

    @Test
    void informativeTokensGiveHigherMutualInformationAndLowerWer() {
        Splits informative = splits(true, 11);
        Splits random = splits(false, 11);
        AtomicLong last = new AtomicLong();
        TextAlignmentResult good = TextAlignmentProbe.run(informative.train, informative.dev, informative.test, TOY,
                5, (done, total) -> last.set(done * 1000 + total));
        TextAlignmentResult bad = TextAlignmentProbe.run(random.train, random.dev, random.test, TOY, 5,
                (done, total) -> { });
        System.out.printf("informative: MI %.3f nats, WER %.3f, CER %.3f, curve %s%nrandom: MI %.3f nats, WER %.3f,"
                + " CER %.3f%n", good.mutualInformation().nats(), good.probeWer(), good.probeCer(), good.curve(),
                bad.mutualInformation().nats(), bad.probeWer(), bad.probeCer());
        assertTrue(good.probeCer() < 0.1, "informative CER " + good.probeCer());
        assertTrue(good.probeWer() < 0.3, "informative WER " + good.probeWer());
        assertTrue(bad.probeWer() > 0.8, "random WER " + bad.probeWer());
        assertTrue(good.mutualInformation().nats() > bad.mutualInformation().nats() + 10,
                "MI informative " + good.mutualInformation().nats() + " vs random " + bad.mutualInformation().nats());
        assertEquals(TOY.epochs(), good.curve().size());
        assertTrue(good.curve().get(TOY.epochs() - 1).trainLoss() < good.curve().get(0).trainLoss() / 3,
                "training loss falls: " + good.curve());
        int batches = (informative.train.size() + TOY.batchSize() - 1) / TOY.batchSize();
        long total = (long) TOY.epochs() * batches + informative.test.size();
        assertEquals(total * 1000 + total, last.get(), "progress ends at done == total");
        assertEquals(informative.test.size(), good.mutualInformation().items());
        assertEquals((long) informative.test.size() * informative.test.size(),
                good.mutualInformation().negativePairs() + good.mutualInformation().infeasiblePairs(),
                "all pairs when the test split is smaller than negativesPerItem");
        assertEquals(2, good.codebookLayers());
        assertTrue(good.parameters() > 0);
    }

    @Test
    void sameSeedSameResult() {
        Splits s = new Splits(split(16, true, new SplittableRandom(3)), split(4, true, new SplittableRandom(4)),
                split(4, true, new SplittableRandom(5)));
        ProbePreset quick = TOY.withEpochs(1);
        TextAlignmentResult a = TextAlignmentProbe.run(s.train, s.dev, s.test, quick, 9, (d, t) -> { });
        TextAlignmentResult b = TextAlignmentProbe.run(s.train, s.dev, s.test, quick, 9, (d, t) -> { });
        assertEquals(a.curve().get(0).devLoss(), b.curve().get(0).devLoss(), 1e-6);
        assertEquals(a.mutualInformation().nats(), b.mutualInformation().nats(), 1e-6);
        TextAlignmentResult c = TextAlignmentProbe.run(s.train, s.dev, s.test, quick.withCombination(
                InputCombination.CONCAT), 9, (d, t) -> { });
        assertTrue(c.parameters() > a.parameters(), "concatenation widens the LSTM input");
    }

    @Test
    void splitsMustAgreeOnLayers() {
        ProbeData one = ProbeData.of(new ProbeUtterance("a", new int[][] {{1}, {2}}, "ab"));
        ProbeData two = ProbeData.of(new ProbeUtterance("b", new int[][] {{1, 1}, {2, 2}}, "ab"));
        assertThrows(VoxtokException.class, () -> TextAlignmentProbe.run(one, one, two, TOY, 1, (d, t) -> { }));
        assertThrows(VoxtokException.class, () -> new ProbeUtterance("c", new int[][] {{1}, {2, 3}}, "x"));
        assertThrows(VoxtokException.class, () -> new ProbeUtterance("d", new int[0][], "x"));
    }

    private record Splits(ProbeData train, ProbeData dev, ProbeData test) {
    }

    private static Splits splits(boolean informative, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        return new Splits(split(48, informative, rnd), split(8, informative, rnd), split(12, informative, rnd));
    }

    private static ProbeData split(int n, boolean informative, SplittableRandom rnd) {
        List<ProbeUtterance> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            StringBuilder text = new StringBuilder();
            int words = 1 + rnd.nextInt(3);
            for (int w = 0; w < words; w++) {
                if (w > 0) {
                    text.append(' ');
                }
                int len = 2 + rnd.nextInt(4);
                for (int c = 0; c < len; c++) {
                    text.append(LETTERS.charAt(rnd.nextInt(LETTERS.length())));
                }
            }
            List<int[]> frames = new ArrayList<>();
            for (char c : text.toString().toCharArray()) {
                // ids: 0 separator, 1 space, 2.. letters
                int id = c == ' ' ? 1 : 2 + LETTERS.indexOf(c);
                int repeat = 2 + rnd.nextInt(2);
                for (int r = 0; r < repeat; r++) {
                    frames.add(new int[] {informative ? id : rnd.nextInt(7), rnd.nextInt(7)});
                }
                frames.add(new int[] {informative ? 0 : rnd.nextInt(7), rnd.nextInt(7)});
            }
            out.add(new ProbeUtterance("u" + i, frames.toArray(new int[0][]), text.toString()));
        }
        return new ProbeData(out);
    }
}
