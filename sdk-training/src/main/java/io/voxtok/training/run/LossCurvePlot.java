package io.voxtok.training.run;

import io.voxtok.api.VoxtokException;
import io.voxtok.modelio.AtomicFiles;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.math.BigDecimal;
import java.math.MathContext;
import java.text.FieldPosition;
import java.text.NumberFormat;
import java.text.ParsePosition;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.Set;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYTitleAnnotation;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * PNG plots of metrics against the step, read from a {@link MetricsLog}: one panel per metric, stacked over a shared
 * step axis (losses of very different scales stay readable). A metric name ending in {@code *} selects every
 * numeric metric with that prefix ({@code loss/*}); an array metric draws one line per element. Non-finite values
 * are skipped. With a log scale, a panel whose values span less than a factor of 10, or include a value
 * {@code <= 0}, keeps a linear axis (log ticks within one decade fall on odd values). With smoothing
 * {@code w > 1}, the raw values are drawn pale and their centred running mean over {@code w} points on top (centred,
 * so the smoothed curve does not lag behind the raw one). Each panel has its own colour; a panel with several lines
 * (array metrics) gets its own legend, since the panel's axis label already names a single line.
 *
 * <p>Rendering uses only an off-screen image (no window), so it works on headless machines (on Linux the JDK is
 * headless whenever {@code DISPLAY} is unset; else run with {@code -Djava.awt.headless=true}). The PNG is written
 * atomically. Not thread-safe while being configured.
 */
public final class LossCurvePlot {
    private static final Color[] PALETTE = {
        new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c), new Color(0xff7f0e),
        new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x17becf),
    };

    private final String title;
    private final List<String> metrics;
    private boolean logScale;
    private int width = 1000;
    private int panelHeight = 260;
    private int smoothing;

    /**
     * @param title   chart title (e.g. the run name)
     * @param metrics metric names or {@code prefix*} patterns, one panel each (patterns: one per match)
     */
    public LossCurvePlot(String title, List<String> metrics) {
        this.title = Objects.requireNonNull(title);
        if (metrics.isEmpty()) {
            throw new IllegalArgumentException("no metrics to plot");
        }
        this.metrics = List.copyOf(metrics);
    }

    /** Logarithmic value axes (default linear). */
    public LossCurvePlot logScale(boolean on) {
        this.logScale = on;
        return this;
    }

    /** Image width and the height of each panel, in pixels (default 1000 x 260). */
    public LossCurvePlot size(int width, int panelHeight) {
        if (width < 200 || panelHeight < 80) {
            throw new IllegalArgumentException("plot too small: " + width + " x " + panelHeight);
        }
        this.width = width;
        this.panelHeight = panelHeight;
        return this;
    }

    /** Running-mean window in points (0 or 1: none). */
    public LossCurvePlot smoothing(int window) {
        if (window < 0) {
            throw new IllegalArgumentException("negative smoothing window");
        }
        this.smoothing = window;
        return this;
    }

    /** Reads {@code metricsLog} and writes the plot to {@code png}. */
    public void write(Path metricsLog, Path png) {
        write(MetricsLog.read(metricsLog), png, metricsLog.toString());
    }

    /**
     * Writes the plot of {@code records} to {@code png}.
     *
     * @throws VoxtokException USER_INPUT when none of the metrics occurs in the records
     */
    public void write(List<MetricsRecord> records, Path png) {
        write(records, png, "the metrics");
    }

    private void write(List<MetricsRecord> records, Path png, String source) {
        JFreeChart chart = chart(records, source);
        int panels = ((CombinedDomainXYPlot) chart.getXYPlot()).getSubplots().size();
        int height = 60 + panels * panelHeight;
        AtomicFiles.write(png, out -> ChartUtils.writeChartAsPNG(out, chart, width, height));
    }

    /** The chart (one subplot per panel). */
    JFreeChart chart(List<MetricsRecord> records, String source) {
        Map<String, Map<String, XYSeries>> panels = collect(records);
        if (panels.isEmpty()) {
            throw VoxtokException.userInput("none of the metrics " + metrics + " occurs in " + source);
        }
        NumberAxis stepAxis = new NumberAxis("step");
        stepAxis.setAutoRangeIncludesZero(false);
        CombinedDomainXYPlot combined = new CombinedDomainXYPlot(stepAxis);
        combined.setGap(12);
        int colour = 0;
        for (Map.Entry<String, Map<String, XYSeries>> panel : panels.entrySet()) {
            combined.add(subplot(panel.getKey(), panel.getValue(), colour), 1);
            colour += panel.getValue().size();
        }
        JFreeChart chart = new JFreeChart(title, new Font(Font.SANS_SERIF, Font.BOLD, 16), combined, false);
        if (smoothing > 1) {
            chart.addSubtitle(new TextTitle("pale: values as logged; dark: centred running mean over " + smoothing
                    + " points", new Font(Font.SANS_SERIF, Font.PLAIN, 11)));
        }
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }

    private XYPlot subplot(String name, Map<String, XYSeries> lines, int firstColour) {
        XYSeriesCollection data = new XYSeriesCollection();
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        int colour = firstColour;
        for (XYSeries raw : lines.values()) {
            min = Math.min(min, raw.getMinY());
            max = Math.max(max, raw.getMaxY());
            Color c = PALETTE[colour++ % PALETTE.length];
            boolean smooth = smoothing > 1 && raw.getItemCount() > smoothing;
            int i = data.getSeriesCount();
            data.addSeries(raw);
            renderer.setSeriesPaint(i, smooth ? pale(c) : c);
            renderer.setSeriesStroke(i, new BasicStroke(smooth ? 1.0f : 1.5f));
            boolean single = raw.getItemCount() == 1; // a lone point has no line: show it as a marker
            renderer.setSeriesShapesVisible(i, single);
            if (smooth) {
                data.addSeries(runningMean(raw));
                renderer.setSeriesPaint(i + 1, c);
                renderer.setSeriesStroke(i + 1, new BasicStroke(2.0f));
                renderer.setSeriesVisibleInLegend(i, false);
            }
        }
        ValueAxis axis;
        // Within one decade a log axis only gets ticks at odd values such as 10^1.7; linear reads better there.
        if (logScale && min > 0 && max >= 10 * min) {
            LogAxis log = new LogAxis(name);
            log.setSmallestValue(1e-12);
            log.setNumberFormatOverride(new CompactNumberFormat()); // "0.01", not 10^-2
            axis = log;
        } else {
            NumberAxis lin = new NumberAxis(name);
            lin.setAutoRangeIncludesZero(false);
            // a constant metric (the recogniser's WER on the same originals at every step) would otherwise get a
            // range of 1e-8 and ten tick labels that all read the same value
            double magnitude = Math.max(Math.abs(min), Math.abs(max));
            if (Double.isFinite(magnitude) && magnitude > 0) {
                lin.setAutoRangeMinimumSize(0.01 * magnitude);
            }
            axis = lin;
        }
        XYPlot plot = new XYPlot(data, null, axis, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(0xdddddd));
        plot.setRangeGridlinePaint(new Color(0xdddddd));
        if (lines.size() > 1) {
            LegendTitle legend = new LegendTitle(plot);
            legend.setBackgroundPaint(new Color(255, 255, 255, 200));
            legend.setItemFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
            plot.addAnnotation(new XYTitleAnnotation(0.99, 0.98, legend, RectangleAnchor.TOP_RIGHT));
        }
        return plot;
    }

    private static Color pale(Color c) {
        return new Color((c.getRed() + 2 * 255) / 3, (c.getGreen() + 2 * 255) / 3, (c.getBlue() + 2 * 255) / 3);
    }

    /** Mean of points {@code [i - w/2, i - w/2 + w)} clipped to the series, at each point's step. */
    private XYSeries runningMean(XYSeries raw) {
        XYSeries s = new XYSeries(raw.getKey() + " (mean of " + smoothing + ")", false, true);
        int n = raw.getItemCount();
        double[] prefix = new double[n + 1];
        for (int i = 0; i < n; i++) {
            prefix[i + 1] = prefix[i] + raw.getY(i).doubleValue();
        }
        for (int i = 0; i < n; i++) {
            int lo = Math.max(0, i - smoothing / 2);
            int hi = Math.min(n, lo + smoothing);
            s.add(raw.getX(i), (prefix[hi] - prefix[lo]) / (hi - lo));
        }
        return s;
    }

    /** Tick labels like {@code 0.25}, {@code 45.1}, {@code 1.2e-05}: four significant digits, no exponent notation
     * between 1e-3 and 1e5. */
    private static final class CompactNumberFormat extends NumberFormat {
        private static final long serialVersionUID = 1L;

        @Override
        public StringBuffer format(double v, StringBuffer to, FieldPosition pos) {
            double a = Math.abs(v);
            String s = a == 0 || (a >= 1e-3 && a < 1e5) ? new BigDecimal(v).round(new MathContext(4))
                    .stripTrailingZeros().toPlainString() : String.format(Locale.ROOT, "%.2g", v);
            return to.append(s);
        }

        @Override
        public StringBuffer format(long v, StringBuffer to, FieldPosition pos) {
            return format((double) v, to, pos);
        }

        @Override
        public Number parse(String source, ParsePosition pos) {
            throw new UnsupportedOperationException("tick labels are not parsed");
        }
    }

    /** Panel name to its lines (line name to points), in the order of {@link #metrics}. */
    private Map<String, Map<String, XYSeries>> collect(List<MetricsRecord> records) {
        Set<String> names = new LinkedHashSet<>();
        for (String m : metrics) {
            if (m.endsWith("*")) {
                String prefix = m.substring(0, m.length() - 1);
                for (MetricsRecord r : records) {
                    r.values().forEach((k, v) -> {
                        if (k.startsWith(prefix) && (v instanceof Number || v instanceof List<?>)) {
                            names.add(k);
                        }
                    });
                }
            } else {
                names.add(m);
            }
        }
        Map<String, Map<String, XYSeries>> panels = new LinkedHashMap<>();
        for (String name : names) {
            Map<String, XYSeries> lines = new LinkedHashMap<>();
            for (MetricsRecord r : records) {
                OptionalDouble v = r.scalar(name);
                if (v.isPresent()) {
                    add(lines, name, r.step(), v.getAsDouble());
                    continue;
                }
                double[] a = r.array(name);
                if (a != null) {
                    for (int i = 0; i < a.length; i++) {
                        add(lines, name + "[" + i + "]", r.step(), a[i]);
                    }
                }
            }
            lines.values().removeIf(s -> s.getItemCount() == 0);
            if (!lines.isEmpty()) {
                panels.put(name, lines);
            }
        }
        return panels;
    }

    private static void add(Map<String, XYSeries> lines, String line, long step, double v) {
        // autoSort false keeps log order; duplicates allowed (a resumed run may log a step twice)
        XYSeries s = lines.computeIfAbsent(line, k -> new XYSeries(k, false, true));
        if (Double.isFinite(v)) {
            s.add(step, v);
        }
    }

    /** The names of the panels this plot would draw from {@code records}. */
    public List<String> panels(List<MetricsRecord> records) {
        return new ArrayList<>(collect(records).keySet());
    }
}
