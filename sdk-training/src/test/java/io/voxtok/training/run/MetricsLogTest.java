package io.voxtok.training.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.voxtok.api.VoxtokException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetricsLogTest {
    @TempDir
    Path dir;

    static final Clock T0 = Clock.fixed(Instant.ofEpochMilli(1_700_000_000_123L), ZoneOffset.UTC);

    @Test
    void writesOneFlushedJsonObjectPerLineAndReadsItBack() throws IOException {
        Path f = dir.resolve("run/metrics.jsonl");
        try (MetricsLog log = MetricsLog.create(f, T0)) {
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("loss/mel", 1.25);
            v.put("loss/q", 0.1f);
            v.put("lr", 1e-4);
            v.put("count", 7);
            v.put("usage", new double[] {0.5, 1.0});
            v.put("perplexity", new float[] {3.5f});
            v.put("codes", new int[] {1, 2});
            v.put("diverged", Double.NaN);
            v.put("phase", "warmup");
            log.log(12, v);
            // flushed: visible before close
            assertEquals("{\"step\": 12, \"wall_time\": 1700000000.123, \"loss/mel\": 1.25, \"loss/q\": 0.1, "
                    + "\"lr\": 1.0E-4, \"count\": 7, \"usage\": [0.5, 1.0], \"perplexity\": [3.5], \"codes\": [1, 2], "
                    + "\"diverged\": \"NaN\", \"phase\": \"warmup\"}\n", Files.readString(f));
            log.log(13, Map.of("dev/mel", Double.POSITIVE_INFINITY));
        }
        List<MetricsRecord> r = MetricsLog.read(f);
        assertEquals(2, r.size());
        assertEquals(12, r.get(0).step());
        assertEquals(1_700_000_000.123, r.get(0).wallTime(), 1e-6);
        assertEquals(1.25, r.get(0).scalar("loss/mel").orElseThrow());
        assertEquals(0.1, r.get(0).scalar("loss/q").orElseThrow());
        assertEquals(7L, r.get(0).values().get("count"));
        assertArrayEquals(new double[] {0.5, 1.0}, r.get(0).array("usage"));
        assertTrue(Double.isNaN(r.get(0).scalar("diverged").orElseThrow()));
        assertEquals("warmup", r.get(0).values().get("phase"));
        assertEquals(Double.POSITIVE_INFINITY, r.get(1).scalar("dev/mel").orElseThrow());
        assertTrue(r.get(1).scalar("loss/mel").isEmpty());
    }

    @Test
    void aResumedRunsLogEqualsAnUninterruptedOne() throws IOException {
        Path straight = dir.resolve("a.jsonl");
        try (MetricsLog log = MetricsLog.create(straight, T0)) {
            for (int s = 1; s <= 10; s++) {
                logStep(log, s);
            }
        }
        Path resumed = dir.resolve("b.jsonl");
        try (MetricsLog log = MetricsLog.create(resumed, Clock.offset(T0, java.time.Duration.ofSeconds(5)))) {
            for (int s = 1; s <= 7; s++) {
                logStep(log, s);
            }
        }
        // the crash tore the line it was writing
        Files.writeString(resumed, "{\"step\": 8, \"wall_ti", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        // the last checkpoint was at step 5
        try (MetricsLog log = MetricsLog.resume(resumed, 5, T0)) {
            for (int s = 6; s <= 10; s++) {
                logStep(log, s);
            }
        }
        assertEquals(Files.readString(straight), Files.readString(resumed).replace("1700000005.123", "1700000000.123"));
        assertEquals(MetricsLog.read(straight).size(), MetricsLog.read(resumed).size());
    }

    private static void logStep(MetricsLog log, int s) {
        log.log(s, Map.of("loss", 1.0 / s));
        if (s % 5 == 0) {
            log.log(s, Map.of("dev/mel", 2.0 / s));
        }
    }

    @Test
    void refusesToOverwriteAndNamesBadLines() throws IOException {
        Path f = dir.resolve("m.jsonl");
        try (MetricsLog log = MetricsLog.create(f, T0)) {
            log.log(1, Map.of("x", 1));
            assertThrows(IllegalArgumentException.class, () -> log.log(2, Map.of("step", 3)));
            assertThrows(IllegalArgumentException.class, () -> log.log(2, Map.of("x", new Object())));
        }
        VoxtokException exists = assertThrows(VoxtokException.class, () -> MetricsLog.create(f, T0));
        assertTrue(exists.getMessage().contains("resume"), exists.getMessage());
        Files.writeString(f, "{\"wall_time\": 1}\n", StandardOpenOption.APPEND);
        VoxtokException bad = assertThrows(VoxtokException.class, () -> MetricsLog.read(f));
        assertTrue(bad.getMessage().contains(f + ":2"), bad.getMessage());
    }

    @Test
    void resumingWithoutALogStartsOne() {
        Path f = dir.resolve("new/m.jsonl");
        try (MetricsLog log = MetricsLog.resume(f, 100, T0)) {
            log.log(101, Map.of("x", 1.5));
        }
        assertEquals(101, MetricsLog.read(f).get(0).step());
    }
}
