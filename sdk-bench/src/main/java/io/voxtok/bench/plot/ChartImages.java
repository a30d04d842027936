package io.voxtok.bench.plot;

import io.voxtok.bench.report.SubjectFigures;
import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.GrayPaintScale;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.renderer.xy.XYItemRenderer;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.xy.DefaultXYZDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The report's plots, drawn with JFreeChart and returned as PNG bytes (the HTML page embeds them as base64, so it
 * stays one self-contained file). Headless: needs no display.
 */
public final class ChartImages {
    /** Categories coloured individually in a scatter plot; the rest are grey. */
    public static final int MAX_CATEGORIES = 10;
    private static final Color[] PALETTE = {new Color(31, 119, 180), new Color(255, 127, 14), new Color(44, 160, 44),
        new Color(214, 39, 40), new Color(148, 103, 189), new Color(140, 86, 75), new Color(227, 119, 194),
        new Color(188, 189, 34), new Color(23, 190, 207), new Color(60, 60, 60)};

    static {
        System.setProperty("java.awt.headless", "true");
    }

    private ChartImages() {
    }

    /** Rank-frequency of each layer's codes (log scale): flat = every code used equally. */
    public static byte[] usage(String title, List<long[]> usage) {
        XYSeriesCollection data = new XYSeriesCollection();
        for (int l = 0; l < usage.size(); l++) {
            long[] sorted = usage.get(l).clone();
            java.util.Arrays.sort(sorted);
            long total = java.util.Arrays.stream(sorted).sum();
            XYSeries s = new XYSeries("RVQ-" + (l + 1));
            for (int r = 0; r < sorted.length; r++) {
                long c = sorted[sorted.length - 1 - r];
                if (c > 0) {
                    s.add(r + 1, c / (double) total);
                }
            }
            data.addSeries(s);
        }
        JFreeChart chart = ChartFactory.createXYLineChart(title, "code rank", "share of frames", data,
                PlotOrientation.VERTICAL, true, false, false);
        LogAxis y = new LogAxis("share of frames");
        y.setSmallestValue(1e-7);
        chart.getXYPlot().setRangeAxis(y);
        style(chart);
        return png(chart, 520, 340);
    }

    /** {@code p(phone | code)} as a grey-scale heat map (black = 1). */
    public static byte[] heatmap(String title, SubjectFigures.PhoneCodeMatrix m) {
        DefaultXYZDataset data = new DefaultXYZDataset();
        int n = m.codes().length * m.phones().size();
        double[][] xyz = new double[3][n];
        int k = 0;
        for (int i = 0; i < m.codes().length; i++) {
            for (int j = 0; j < m.phones().size(); j++) {
                xyz[0][k] = i;
                xyz[1][k] = j;
                xyz[2][k] = m.p()[i][j];
                k++;
            }
        }
        data.addSeries("p", xyz);
        String[] codeNames = new String[m.codes().length];
        for (int i = 0; i < codeNames.length; i++) {
            codeNames[i] = Integer.toString(m.codes()[i]);
        }
        SymbolAxis x = new SymbolAxis("code (most frequent, ordered by likeliest phone)", codeNames);
        x.setVerticalTickLabels(true);
        x.setTickLabelFont(x.getTickLabelFont().deriveFont(8f));
        SymbolAxis y = new SymbolAxis("phone", m.phones().toArray(String[]::new));
        y.setTickLabelFont(y.getTickLabelFont().deriveFont(8f));
        XYBlockRenderer r = new XYBlockRenderer();
        GrayPaintScale scale = new GrayPaintScale(0, 1);
        // Inverted grey: white = 0, black = 1, as ink on paper.
        r.setPaintScale(new org.jfree.chart.renderer.PaintScale() {
            @Override
            public double getLowerBound() {
                return 0;
            }

            @Override
            public double getUpperBound() {
                return 1;
            }

            @Override
            public java.awt.Paint getPaint(double v) {
                return scale.getPaint(1 - v);
            }
        });
        XYPlot plot = new XYPlot(data, x, y, r);
        plot.setBackgroundPaint(Color.WHITE);
        JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, false);
        PaintScaleLegend legend = new PaintScaleLegend(r.getPaintScale(), new NumberAxis("p(phone | code)"));
        legend.setPosition(RectangleEdge.RIGHT);
        chart.addSubtitle(legend);
        style(chart);
        return png(chart, 760, 520);
    }

    /** A t-SNE map coloured by {@code labels} (the {@value #MAX_CATEGORIES} commonest get colours). */
    public static byte[] scatter(String title, double[][] xy, List<String> labels) {
        Map<String, Integer> counts = new TreeMap<>();
        labels.forEach(l -> counts.merge(l, 1, Integer::sum));
        List<String> top = new ArrayList<>(counts.keySet());
        top.sort(Comparator.comparingInt((String l) -> -counts.get(l)).thenComparing(Comparator.naturalOrder()));
        top = top.subList(0, Math.min(MAX_CATEGORIES - (counts.size() > MAX_CATEGORIES ? 1 : 0), top.size()));
        Map<String, XYSeries> series = new LinkedHashMap<>();
        for (String t : top) {
            series.put(t, new XYSeries(t));
        }
        XYSeries other = new XYSeries("other");
        for (int i = 0; i < xy.length; i++) {
            series.getOrDefault(labels.get(i), other).add(xy[i][0], xy[i][1]);
        }
        XYSeriesCollection data = new XYSeriesCollection();
        series.values().forEach(data::addSeries);
        if (other.getItemCount() > 0) {
            data.addSeries(other);
        }
        JFreeChart chart = ChartFactory.createScatterPlot(title, "t-SNE 1", "t-SNE 2", data,
                PlotOrientation.VERTICAL, true, false, false);
        XYItemRenderer r = chart.getXYPlot().getRenderer();
        for (int s = 0; s < data.getSeriesCount(); s++) {
            boolean isOther = data.getSeriesKey(s).equals("other");
            r.setSeriesPaint(s, isOther ? new Color(200, 200, 200) : PALETTE[s % PALETTE.length]);
            r.setSeriesShape(s, new java.awt.geom.Ellipse2D.Double(-2.5, -2.5, 5, 5));
        }
        style(chart);
        return png(chart, 440, 380);
    }

    /** Curves {@code name -> (x, y) points}, e.g. a probe's loss per epoch. */
    public static byte[] curves(String title, String xLabel, String yLabel, Map<String, List<double[]>> curves) {
        XYSeriesCollection data = new XYSeriesCollection();
        curves.forEach((name, pts) -> {
            XYSeries s = new XYSeries(name);
            pts.forEach(p -> s.add(p[0], p[1]));
            data.addSeries(s);
        });
        JFreeChart chart = ChartFactory.createXYLineChart(title, xLabel, yLabel, data, PlotOrientation.VERTICAL,
                true, false, false);
        style(chart);
        return png(chart, 520, 340);
    }

    /** PNG bytes as base64, for {@code data:image/png;base64,...}. */
    public static String base64(byte[] png) {
        return Base64.getEncoder().encodeToString(png);
    }

    private static void style(JFreeChart chart) {
        chart.setBackgroundPaint(Color.WHITE);
        chart.getTitle().setFont(chart.getTitle().getFont().deriveFont(13f));
        if (chart.getPlot() instanceof XYPlot p) {
            p.setBackgroundPaint(new Color(250, 250, 250));
            p.setDomainGridlinePaint(new Color(220, 220, 220));
            p.setRangeGridlinePaint(new Color(220, 220, 220));
        }
    }

    private static byte[] png(JFreeChart chart, int w, int h) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ChartUtils.writeChartAsPNG(out, chart, w, h);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
