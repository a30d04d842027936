package io.voxtok.training.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class StopSignalTest {
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final List<Integer> exits = new CopyOnWriteArrayList<>();

    @Test
    void firstSignalRequestsAStopAndASecondExits() {
        StopSignal s = StopSignal.install(exits::add, new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            assertFalse(s.stopRequested());
            s.onSignal("INT", 2);
            assertTrue(s.stopRequested());
            assertEquals("SIGINT", s.reason().orElseThrow());
            assertTrue(exits.isEmpty(), "the first signal does not exit");
            assertTrue(err.toString(StandardCharsets.UTF_8).contains("writing a checkpoint"));
            s.onSignal("TERM", 15);
            assertEquals(List.of(143), exits);
            assertEquals("SIGINT", s.reason().orElseThrow(), "the first reason is kept");
        } finally {
            s.close();
        }
    }

    /** Sends a real signal to this JVM with the {@code kill} command, as a user or a scheduler would. */
    private static void kill(String signal) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("kill", "-" + signal, Long.toString(ProcessHandle.current().pid()))
                .redirectErrorStream(true).start();
        assertEquals(0, p.waitFor(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    @Test
    void aRealSigtermReachesTheHandler() throws Exception {
        StopSignal s = StopSignal.install(exits::add, new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            kill("TERM");
            for (int i = 0; i < 200 && !s.stopRequested(); i++) {
                Thread.sleep(10);
            }
            assertEquals("SIGTERM", s.reason().orElseThrow());
            kill("TERM");
            for (int i = 0; i < 200 && exits.isEmpty(); i++) {
                Thread.sleep(10);
            }
            assertEquals(List.of(143), exits);
        } finally {
            s.close();
        }
    }

    @Test
    void codeCanRequestAStopToo() {
        StopSignal s = StopSignal.unhandled();
        s.requestStop("time limit");
        s.requestStop("NaN loss");
        assertEquals("time limit", s.reason().orElseThrow());
        s.close();
    }
}
