package io.voxtok.testkit.fuzz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.voxtok.api.ErrorKind;
import io.voxtok.api.VoxtokException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The harness itself: every kind of bad outcome is reported, good outcomes are not, mutations are reproducible. */
class MutationFuzzerTest {
    @TempDir
    Path dir;

    private static final byte[] SEED = "{\"size\": 1234, \"name\": \"x\"}".getBytes(StandardCharsets.UTF_8);

    private FuzzReport run(MutationFuzzer.Reader reader) {
        return MutationFuzzer.of("self", "bin", reader).seed(SEED).text().defaultIterations(20).run(dir.resolve("work"));
    }

    @Test
    void cleanRefusalsNamingTheFileAndSuccessesPass() {
        FuzzReport r = run(f -> {
            if (Files.size(f) % 2 == 0) {
                throw VoxtokException.userInput(f + ": odd");
            }
        });
        assertEquals(20, r.cases());
        assertEquals(20, r.read() + r.refused());
        r.assertNoFindings();
    }

    @Test
    void otherExceptionsKindsAndAnonymousMessagesAreFindings() {
        assertEquals(20, run(f -> {
            throw new IllegalStateException("x");
        }).findings().size());
        assertEquals(20, run(f -> {
            throw new VoxtokException(ErrorKind.INTERNAL, f + ": bug");
        }).findings().size());
        FuzzReport anonymous = run(f -> {
            throw VoxtokException.userInput("bad header");
        });
        assertEquals(20, anonymous.findings().size());
        assertTrue(anonymous.findings().get(0).problem().startsWith("message does not name the file"));
        assertTrue(Files.exists(anonymous.findings().get(0).savedInput()), "the input is kept for a regression test");
        AssertionError e = assertThrows(AssertionError.class, anonymous::assertNoFindings);
        assertTrue(e.getMessage().contains("... and 10 more"), e.getMessage());
    }

    @Test
    void errorsHangsAndBlowUpsAreFindings() {
        FuzzReport oom = run(f -> {
            throw new OutOfMemoryError("Java heap space");
        });
        assertTrue(oom.findings().get(0).problem().contains("OutOfMemoryError"), oom.findings().get(0).problem());

        System.setProperty("voxtok.fuzz.timeoutMs", "200");
        try {
            FuzzReport hang = run(f -> Thread.sleep(60_000));
            assertEquals(3, hang.findings().size(), "the run stops after three hangs");
            assertTrue(hang.findings().get(0).problem().contains("hang"));
        } finally {
            System.clearProperty("voxtok.fuzz.timeoutMs");
        }

        FuzzReport blowUp = MutationFuzzer.of("self", "bin", f -> {
            long sum = 0;
            for (int i = 0; i < 8; i++) {
                sum += new byte[4 << 20].length;
            }
            assertTrue(sum > 0);
        }).seed(SEED).defaultIterations(2).allocationLimit(1 << 20, 16).run(dir.resolve("w2"));
        assertEquals(2, blowUp.findings().size());
        assertTrue(blowUp.findings().get(0).problem().startsWith("allocated 32 MiB"), blowUp.findings().get(0).problem());
    }

    @Test
    void mutationsAreDeterministicAndChangeTheInput() {
        ByteMutator m = new ByteMutator(true);
        int changed = 0;
        for (int i = 0; i < 50; i++) {
            ByteMutator.Mutant a = m.mutate(SEED, new Random(i));
            ByteMutator.Mutant b = m.mutate(SEED, new Random(i));
            assertArrayEquals(a.bytes(), b.bytes());
            assertEquals(a.description(), b.description());
            if (!java.util.Arrays.equals(a.bytes(), SEED)) {
                changed++;
            }
        }
        assertTrue(changed >= 45, changed + " of 50 mutants differ from the seed");
        assertNotEquals(m.mutate(SEED, new Random(1)).description(), m.mutate(SEED, new Random(2)).description());
    }
}
