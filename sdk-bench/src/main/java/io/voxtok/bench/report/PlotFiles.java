package io.voxtok.bench.report;

import io.voxtok.bench.plot.ChartImages;
import io.voxtok.bench.run.SubjectResult;
import io.voxtok.modelio.AtomicFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The report's plots as PNG files in {@code plots/} (the same images {@code report.html} embeds), so they can be
 * committed and linked: per subject {@code <subject>-usage.png}, {@code <subject>-phone-given-code.png},
 * {@code <subject>-tsne-<group>-speaker.png} / {@code -phone.png} and {@code <subject>-probe-curve.png}, and across
 * subjects {@code probe-dev-loss.png} (the text-alignment probe's dev loss per epoch of every subject). Each file is
 * written atomically.
 */
public final class PlotFiles {
    private PlotFiles() {
    }

    /** Writes the plots of {@code report} into {@code dir}/plots and returns the files written. */
    public static List<Path> write(Path dir, TokenizerBenchReport report) {
        Path plots = dir.resolve("plots");
        List<Path> out = new ArrayList<>();
        Map<String, List<double[]>> devLoss = new TreeMap<>();
        for (SubjectResult s : report.results()) {
            String slug = slug(s.label());
            SubjectFigures f = s.figures();
            out.add(png(plots.resolve(slug + "-usage.png"), ChartImages.usage("codebook usage: " + s.label(),
                    f.usage())));
            f.heatmap().ifPresent(h -> out.add(png(plots.resolve(slug + "-phone-given-code.png"),
                    ChartImages.heatmap("p(phone | code), RVQ-1: " + s.label(), h))));
            for (SubjectFigures.TsneMap m : f.tsne()) {
                String g = slug(m.group());
                out.add(png(plots.resolve(slug + "-tsne-" + g + "-speaker.png"),
                        ChartImages.scatter(s.label() + " " + m.group() + " by speaker", m.xy(), m.speakers())));
                out.add(png(plots.resolve(slug + "-tsne-" + g + "-phone.png"),
                        ChartImages.scatter(s.label() + " " + m.group() + " by phone", m.xy(), m.phones())));
            }
            Map<String, List<double[]>> curves = TokenizerBenchReport.curves(s);
            if (!curves.isEmpty()) {
                out.add(png(plots.resolve(slug + "-probe-curve.png"), ChartImages.curves(
                        "probe learning curve: " + s.label(), "epoch", "CTC loss (nats/char)", curves)));
                curves.forEach((k, v) -> {
                    if (k.endsWith("/probe_dev_loss")) {
                        devLoss.put(s.label(), v);
                    }
                });
            }
        }
        if (!devLoss.isEmpty()) {
            out.add(png(plots.resolve("probe-dev-loss.png"), ChartImages.curves(
                    "text-alignment probe: dev loss per epoch", "epoch", "dev CTC loss (nats/char)", devLoss)));
        }
        return out;
    }

    /** A file-name-safe form of a subject label, e.g. {@code units:phone-teacher} to {@code units-phone-teacher}. */
    static String slug(String label) {
        String s = label.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.]+", "-").replaceAll("^-+|-+$", "");
        return s.isEmpty() ? "subject" : s;
    }

    private static Path png(Path file, byte[] bytes) {
        AtomicFiles.write(file, o -> o.write(bytes));
        return file;
    }
}
