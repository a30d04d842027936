package io.voxtok.training.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.voxtok.api.VoxtokException;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LossCurvePlotTest {
    @TempDir
    Path dir;

    /** A log like a real run's: noisy decaying losses every step, dev mel every 50 steps, a per-codebook array. */
    private Path writeLog() {
        Path f = dir.resolve("metrics.jsonl");
        SplittableRandom rnd = new SplittableRandom(3);
        try (MetricsLog log = MetricsLog.create(f, Clock.fixed(Instant.EPOCH, ZoneOffset.UTC))) {
            for (int s = 1; s <= 600; s++) {
                Map<String, Object> v = new LinkedHashMap<>();
                v.put("loss/mel", 45 * (0.3 + Math.exp(-s / 150.0)) * (1 + 0.1 * rnd.nextGaussian()));
                v.put("loss/adv", 2.0 + 0.3 * rnd.nextGaussian());
                v.put("loss/distill", s == 300 ? Double.NaN : 0.7 * Math.exp(-s / 60.0) + 1e-4); // spans decades: log axis
                log.log(s, v);
                if (s % 50 == 0) {
                    log.log(s, Map.of("dev/mel", 1.5 + Math.exp(-s / 200.0),
                            "dev/usage", new double[] {0.5 + s / 2000.0, 0.3 + s / 3000.0}));
                }
            }
        }
        return f;
    }

    @Test
    void drawsOnePanelPerMetricAsAPng() throws IOException {
        Path log = writeLog();
        LossCurvePlot plot = new LossCurvePlot("run test", List.of("loss/*", "dev/mel", "dev/usage", "missing"))
                .logScale(true).smoothing(25).size(900, 200);
        assertEquals(List.of("loss/mel", "loss/adv", "loss/distill", "dev/mel", "dev/usage"),
                plot.panels(MetricsLog.read(log)));
        // Kept under target/ so a person can look at it after the build.
        Path png = Path.of("target", "test-plots", "loss-curves.png");
        plot.write(log, png);
        BufferedImage img = ImageIO.read(png.toFile());
        assertEquals(900, img.getWidth());
        assertEquals(60 + 5 * 200, img.getHeight());
        // each panel has its own palette colour: the mel line (blue) and the dev mel line (orange) are drawn
        assertTrue(pixelsNear(img, 0x1f77b4) > 300, "blue pixels: " + pixelsNear(img, 0x1f77b4));
        assertTrue(pixelsNear(img, 0xff7f0e) > 300, "orange pixels: " + pixelsNear(img, 0xff7f0e));
        try (var s = Files.list(png.getParent())) {
            assertTrue(s.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")), "written atomically");
        }
    }

    @Test
    void aConstantMetricGetsAReadableRange() {
        List<MetricsRecord> records = new java.util.ArrayList<>();
        for (int step = 500; step <= 2000; step += 500) {
            records.add(new MetricsRecord(step, 0.0, java.util.Map.of("wer_original", 0.2312925, "wer", 1.0 - step / 1e4)));
        }
        org.jfree.chart.JFreeChart chart = new LossCurvePlot("constant", List.of("wer_original", "wer"))
                .chart(records, "test");
        var plots = ((org.jfree.chart.plot.CombinedDomainXYPlot) chart.getXYPlot()).getSubplots();
        var constant = ((org.jfree.chart.plot.XYPlot) plots.get(0)).getRangeAxis().getRange();
        assertTrue(constant.getLength() >= 0.01 * 0.2312925 - 1e-12, constant.toString());
        assertTrue(constant.contains(0.2312925), constant.toString());
        var moving = ((org.jfree.chart.plot.XYPlot) plots.get(1)).getRangeAxis().getRange();
        assertTrue(moving.getLength() >= 0.15 && moving.getLength() < 0.3, "a moving metric keeps its own range: "
                + moving);
    }

    private static int pixelsNear(BufferedImage img, int rgb) {
        int n = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int p = img.getRGB(x, y);
                int d = Math.abs(((p >> 16) & 255) - ((rgb >> 16) & 255)) + Math.abs(((p >> 8) & 255) - ((rgb >> 8) & 255))
                        + Math.abs((p & 255) - (rgb & 255));
                n += d < 40 ? 1 : 0;
            }
        }
        return n;
    }

    @Test
    void refusesWhenNoMetricIsInTheLog() {
        Path log = writeLog();
        VoxtokException e = assertThrows(VoxtokException.class,
                () -> new LossCurvePlot("x", List.of("nope", "gan/*")).write(log, dir.resolve("x.png")));
        assertTrue(e.getMessage().contains("[nope, gan/*]") && e.getMessage().contains(log.toString()), e.getMessage());
    }
}
