package io.voxtok.cli.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Argument checks and the table of {@code voxtok bench train-step}; no engine is started. */
class TrainStepBenchCommandTest {
    @TempDir
    Path dir;

    @Test
    void isASubcommandOfBenchWithHelp() {
        assertTrue(CliRun.of("bench", "--help").out().contains("train-step"));
        CliRun r = CliRun.of("bench", "train-step", "--help");
        assertEquals(0, r.code(), r.err());
        for (String o : new String[] {"--config", "--warmup", "--repeats", "--output", "--recipe", "--threads",
                "--device"}) {
            assertTrue(r.out().contains(o), o + " missing from\n" + r.out());
        }
    }

    @Test
    void badArgumentsAreUsageErrors() throws IOException {
        CliRun noConfig = CliRun.of("bench", "train-step");
        assertEquals(2, noConfig.code());
        assertTrue(noConfig.err().contains("--config"), noConfig.err());
        Path missing = dir.resolve("t.json");
        CliRun r = CliRun.of("bench", "train-step", "--config", missing.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains(missing.toString()) && r.err().contains("no such file"), r.err());
        Path config = Files.writeString(missing, "{}");
        r = CliRun.of("bench", "train-step", "--config", config.toString(), "--repeats", "0");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--repeats"), r.err());
        r = CliRun.of("bench", "train-step", "--config", config.toString(), "--warmup", "-1");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--warmup"), r.err());
        r = CliRun.of("bench", "train-step", "--config", config.toString(), "-o", dir.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("is a directory"), r.err());
    }

    @Test
    void theTableSummarisesListsAndNestedMapsAndLeavesTheEnvironmentToTheJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("recipe", "speechtokenizer");
        m.put("stepSeconds", List.of(3.0, 1.0, 2.0));
        m.put("batch", Map.of("size", 2));
        m.put("median", 2.0);
        m.put("environment", Map.of("java", "17"));
        StringWriter out = new StringWriter();
        TrainStepBenchCommand.printTable(m, new PrintWriter(out, true));
        String t = out.toString();
        assertTrue(t.contains("speechtokenizer"), t);
        assertTrue(t.contains("3 values: median 2.00000, min 1.00000, max 3.00000"), t);
        assertTrue(t.contains("batch.size"), t);
        assertFalse(t.contains("java"), t);
    }
}
