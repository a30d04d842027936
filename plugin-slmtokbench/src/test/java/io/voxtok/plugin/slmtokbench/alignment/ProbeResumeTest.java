package io.voxtok.plugin.slmtokbench.alignment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A probe run killed in its third epoch and started again with the same checkpoint folder continues after its second
 * epoch and ends with the learning curve and MI of a run that was never interrupted; only the latest epoch is kept.
 */
class ProbeResumeTest {
    private static final ProbePreset TOY = new ProbePreset("toy", 1, 16, 8, InputCombination.SUM, 4, 8, 1.5e-2, 16);

    @TempDir
    Path dir;

    private static ProbeData split(int n, SplittableRandom rnd) {
        List<ProbeUtterance> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            StringBuilder text = new StringBuilder();
            for (int c = 2 + rnd.nextInt(4); c > 0; c--) {
                text.append("abc".charAt(rnd.nextInt(3)));
            }
            List<int[]> frames = new ArrayList<>();
            for (char c : text.toString().toCharArray()) {
                frames.add(new int[] {1 + c - 'a'});
                frames.add(new int[] {1 + c - 'a'});
                frames.add(new int[] {0});
            }
            out.add(new ProbeUtterance("u" + i, frames.toArray(new int[0][]), text.toString()));
        }
        return new ProbeData(out);
    }

    private static final class Killed extends RuntimeException {
    }

    @Test
    void anInterruptedRunResumesAtTheNextEpochWithTheSameResult() throws Exception {
        SplittableRandom rnd = new SplittableRandom(2);
        ProbeData train = split(16, rnd);
        ProbeData dev = split(4, rnd);
        ProbeData test = split(4, rnd);
        TextAlignmentResult whole = TextAlignmentProbe.run(train, dev, test, TOY, 5, (d, t) -> { });
        Path ck = dir.resolve("ck");
        int batches = 2;
        // killed in the middle of epoch 3
        assertThrows(Killed.class, () -> TextAlignmentProbe.run(train, dev, test, TOY, 5, (d, t) -> {
            if (d == 2L * batches + 1) {
                throw new Killed();
            }
        }, Optional.of(ck)));
        try (Stream<Path> s = Files.list(ck)) {
            assertEquals(List.of("epoch-0002"), s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("epoch"))
                    .toList());
        }
        List<Long> firstProgress = new ArrayList<>();
        TextAlignmentResult resumed = TextAlignmentProbe.run(train, dev, test, TOY, 5,
                (d, t) -> firstProgress.add(d), Optional.of(ck));
        assertEquals(2L * batches, firstProgress.get(0), "progress continues after the saved epochs");
        assertEquals(whole.curve().size(), resumed.curve().size());
        for (int e = 0; e < whole.curve().size(); e++) {
            assertEquals(whole.curve().get(e).trainLoss(), resumed.curve().get(e).trainLoss(), 1e-5, "epoch " + e);
            assertEquals(whole.curve().get(e).devLoss(), resumed.curve().get(e).devLoss(), 1e-5, "epoch " + e);
        }
        assertEquals(whole.bestEpoch(), resumed.bestEpoch());
        assertEquals(whole.mutualInformation().nats(), resumed.mutualInformation().nats(), 1e-4);
        assertEquals(whole.probeCer(), resumed.probeCer(), 1e-12);
        try (Stream<Path> s = Files.list(ck)) {
            assertEquals(List.of("epoch-0004"), s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("epoch"))
                    .toList());
        }
    }
}
