package io.voxtok.training.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressReporterTest {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    private final AtomicLong nanos = new AtomicLong();

    private String text() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void withoutATerminalPrintsPeriodicLines() {
        ProgressReporter p = new ProgressReporter(100, out, false, Duration.ofSeconds(10), nanos::get, 120);
        Map<String, Double> losses = new LinkedHashMap<>();
        losses.put("mel", 1.23456);
        losses.put("adv", 0.5);
        for (int step = 1; step <= 100; step++) {
            nanos.addAndGet(1_000_000_000L); // one step per second
            p.update(step, losses);
        }
        p.close();
        String[] lines = text().split("\n");
        // step 1, then every 10 s (11, 21, ..., 91), then the last step
        assertEquals(11, lines.length, text());
        assertFalse(text().contains("\r"));
        assertTrue(lines[0].startsWith("step 1/100 ["), lines[0]);
        assertEquals("step 11/100 [##..................] 11.0% 1.00 steps/s ETA 0:01:29 | mel 1.235 adv 0.5000",
                lines[1]);
        assertTrue(lines[10].startsWith("step 100/100 [####################] 100.0%"), lines[10]);
        assertTrue(lines[10].contains("ETA 0:00:00"), lines[10]);
    }

    @Test
    void onATerminalRedrawsOneLineInPlace() {
        ProgressReporter p = new ProgressReporter(1000, out, true, Duration.ofSeconds(10), nanos::get, 50);
        for (int step = 1; step <= 30; step++) {
            nanos.addAndGet(50_000_000L); // 20 steps/s: redrawn every other step (100 ms)
            p.update(step, Map.of("loss", 2.0));
        }
        String t = text();
        assertFalse(t.contains("\n"), "one line until closed");
        String[] frames = t.split("\r", -1);
        assertEquals(15, frames.length - 1, "the first update, then a redraw per 100 ms (steps 3, 5, ..., 29)");
        for (int i = 1; i < frames.length; i++) {
            assertTrue(frames[i].length() <= 49, "cut to the width: " + frames[i]);
        }
        assertTrue(frames[frames.length - 1].startsWith("step 29/1000"), frames[frames.length - 1]);
        p.message("checkpoint step-000029");
        p.update(31, Map.of());
        p.close();
        assertTrue(text().contains("\rcheckpoint step-000029\n\rstep 31/1000"), text());
        assertTrue(text().endsWith("\n"));
    }

    @Test
    void rateFollowsTheRecentWindow() {
        ProgressReporter p = new ProgressReporter(10_000, out, false, Duration.ofHours(1), nanos::get, 120);
        for (int step = 1; step <= 100; step++) {
            nanos.addAndGet(100_000_000L); // 10 steps/s for 10 s
            p.update(step, Map.of());
        }
        for (int step = 101; step <= 200; step++) {
            nanos.addAndGet(1_000_000_000L); // then 1 step/s
            p.update(step, Map.of());
        }
        assertEquals(1.0, p.stepsPerSecond(), 0.06);
    }

    @Test
    void etaFormat() {
        assertEquals("0:00:05", ProgressReporter.eta(4.6));
        assertEquals("1:01:01", ProgressReporter.eta(3661));
        assertEquals("2d 0:00:10", ProgressReporter.eta(2 * 86_400 + 10));
        assertEquals("--", ProgressReporter.eta(Double.POSITIVE_INFINITY));
    }
}
