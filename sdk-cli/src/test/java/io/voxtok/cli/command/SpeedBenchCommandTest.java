package io.voxtok.cli.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Options and output naming of {@code voxtok bench speed}; no engine is started (timings are never asserted). */
class SpeedBenchCommandTest {
    @Test
    void helpListsTheProfileAndEngineOptions() {
        CliRun r = CliRun.of("bench", "speed", "--help");
        assertEquals(0, r.code(), r.err());
        for (String o : new String[] {"--profile", "--[no-]engine-peak", "--[no-]engine-probe", "--runs", "--warmup",
                "--batch", "--output"}) {
            assertTrue(r.out().contains(o), o + " missing from\n" + r.out());
        }
    }

    @Test
    void theMarkdownGoesNextToTheJson() {
        assertEquals(Path.of("out/speed-x.md"), SpeedBenchCommand.markdownPath(Path.of("out/speed-x.json")));
        assertEquals(Path.of("report.txt.md"), SpeedBenchCommand.markdownPath(Path.of("report.txt")));
    }
}
