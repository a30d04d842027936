package io.voxtok.cli.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.voxtok.api.bench.ProgressListener;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** One line format for files and for parts inside a file; parts shown even for a single file. */
class ProgressBarTest {
    /** {@code [bar] FILES_DONE/FILES ELAPSED LABEL}. */
    private static final Pattern LINE = Pattern.compile("\\[[= ]{30}] \\d+/\\d+ +\\d+\\.\\ds .+");

    private static List<String> lines(StringWriter w) {
        return w.toString().lines().toList();
    }

    @Test
    void aSingleLongFileShowsItsPartsInTheFileLineFormat() {
        StringWriter w = new StringWriter();
        try (ProgressBar bar = new ProgressBar(new PrintWriter(w), 1, false)) {
            ProgressListener parts = bar.within("long.wav");
            for (int i = 1; i <= 17; i++) {
                parts.onProgress(i, 17);
            }
            bar.step("long.wav");
        }
        List<String> l = lines(w);
        assertEquals(17, l.size(), w.toString());
        for (int i = 0; i < l.size(); i++) {
            assertTrue(LINE.matcher(l.get(i)).matches(), l.get(i));
            assertTrue(l.get(i).contains("] 0/1 "), "no file finished yet: " + l.get(i));
            assertTrue(l.get(i).endsWith("long.wav part " + (i + 1) + "/17"), l.get(i));
        }
        assertTrue(l.get(16).startsWith("[" + "=".repeat(30) + "]"), "all parts done fill the bar: " + l.get(16));
        assertTrue(l.get(0).startsWith("[==" + " "), "1 of 17 parts fills 2 of 30: " + l.get(0));
    }

    @Test
    void partsCountAsAFractionOfTheirFileAmongSeveral() {
        StringWriter w = new StringWriter();
        try (ProgressBar bar = new ProgressBar(new PrintWriter(w), 2, false)) {
            bar.step("a.wav");
            bar.within("b.wav").onProgress(2, 4);
            bar.step("b.wav");
        }
        List<String> l = lines(w);
        assertEquals(3, l.size(), w.toString());
        l.forEach(s -> assertTrue(LINE.matcher(s).matches(), s));
        assertTrue(l.get(0).startsWith("[" + "=".repeat(15) + " ".repeat(15) + "] 1/2 ") && l.get(0).endsWith(" a.wav"),
                l.get(0));
        assertTrue(l.get(1).startsWith("[" + "=".repeat(23) + " ".repeat(7) + "] 1/2 ")
                && l.get(1).endsWith(" b.wav part 2/4"), l.get(1));
        assertTrue(l.get(2).startsWith("[" + "=".repeat(30) + "] 2/2 ") && l.get(2).endsWith(" b.wav"), l.get(2));
    }

    @Test
    void offATerminalThousandsOfPartsGiveAboutTwentyLines() {
        StringWriter w = new StringWriter();
        try (ProgressBar bar = new ProgressBar(new PrintWriter(w), 1, false)) {
            ProgressListener parts = bar.within("hour.flac");
            for (int i = 1; i <= 3600; i++) {
                parts.onProgress(i, 3600);
            }
        }
        List<String> l = lines(w);
        assertEquals(ProgressBar.PART_LINES, l.size());
        assertTrue(l.get(0).endsWith("hour.flac part 180/3600"), l.get(0));
        assertTrue(l.get(19).endsWith("hour.flac part 3600/3600"), l.get(19));
    }

    @Test
    void onATerminalEveryPartRedrawsTheLineAndCloseEndsIt() {
        StringWriter w = new StringWriter();
        try (ProgressBar bar = new ProgressBar(new PrintWriter(w), 1, true)) {
            ProgressListener parts = bar.within("x.wav");
            parts.onProgress(1, 3);
            parts.onProgress(2, 3);
            parts.onProgress(3, 3);
        }
        String s = w.toString();
        assertEquals(3, s.split("\r", -1).length - 1, s);
        assertTrue(s.endsWith("x.wav part 3/3\u001b[K" + System.lineSeparator()), s);
    }

    @Test
    void aSinglePieceOrASingleFileWithoutPartsPrintsNothing() {
        StringWriter w = new StringWriter();
        try (ProgressBar bar = new ProgressBar(new PrintWriter(w), 1, true)) {
            bar.within("short.wav").onProgress(1, 1);
            bar.step("short.wav");
        }
        assertEquals("", w.toString());
    }
}
