package io.voxtok.plugin.slmtokbench.statistics;

import io.voxtok.api.ComponentId;
import io.voxtok.api.audio.Utterance;
import io.voxtok.api.bench.Benchmark;
import io.voxtok.api.bench.BenchmarkReport;
import io.voxtok.api.bench.Metric;
import io.voxtok.api.bench.ProgressListener;
import io.voxtok.api.token.TokenMatrix;
import io.voxtok.api.token.Tokenizer;
import io.voxtok.data.PhoneAlignment;
import io.voxtok.metrics.CodebookUsage;
import io.voxtok.metrics.Pnmi;
import io.voxtok.metrics.TokenRates;
import io.voxtok.metrics.bench.BenchmarkResources;
import io.voxtok.metrics.probe.BagOfUnits;
import io.voxtok.metrics.probe.LayerGroup;
import io.voxtok.metrics.probe.PhonePurity;
import io.voxtok.metrics.probe.SpeakerProbe;
import io.voxtok.plugin.slmtokbench.common.CorpusSize;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Token statistics of a subject over a corpus (issue #12 part 3). Metrics, each with a {@code layer} (1-based) or
 * {@code group} parameter:
 * <ul>
 *   <li>{@code token_rate}, {@code bitrate} of the whole stream;</li>
 *   <li>per layer {@code codebook_utilisation} and {@code codebook_perplexity} ({@link CodebookUsage});</li>
 *   <li>per layer, where the host has phone alignments, {@code pnmi} ({@link Pnmi}), {@code phone_purity} and
 *   {@code code_purity} ({@link PhonePurity});</li>
 *   <li>per group (RVQ-1, and RVQ-2..n when there are more layers) the mean of the per-layer values above as
 *   {@code group_mean_pnmi}, {@code group_mean_phone_purity}, {@code group_mean_perplexity}, and
 *   {@code speaker_probe_accuracy} of a logistic-regression speaker classifier on bags of units
 *   ({@link SpeakerProbe}).</li>
 * </ul>
 * A PNMI of a multi-layer group is not the PNMI of the joint code (with 8 layers of 1024 codes the joint has
 * 2^80 values and no corpus estimates it); the group mean is what is reported.
 */
public final class TokenStatisticsBenchmark implements Benchmark {
    /** Definition version of this benchmark's metric set. */
    public static final String VERSION = "1";
    private final ComponentId id;
    private final BenchmarkResources resources;

    /** A benchmark reading alignments from {@code resources}. */
    public TokenStatisticsBenchmark(ComponentId id, BenchmarkResources resources) {
        this.id = id;
        this.resources = resources;
    }

    @Override
    public ComponentId id() {
        return id;
    }

    @Override
    public void close() {
        // holds no resource: the recogniser and speaker encoder belong to the host
    }

    @Override
    public BenchmarkReport run(Tokenizer subject, Iterable<Utterance> corpus, ProgressListener progress) {
        int nq = subject.spec().numLayers();
        int k = subject.spec().codebookSize();
        CodebookUsage usage = new CodebookUsage(nq, 0, k);
        List<PhonePurity> purity = new ArrayList<>();
        List<Pnmi> pnmi = new ArrayList<>();
        for (int l = 0; l < nq; l++) {
            purity.add(new PhonePurity(k));
            pnmi.add(new Pnmi(k));
        }
        List<LayerGroup> groups = nq >= 2 ? List.of(new LayerGroup(1, 1), new LayerGroup(2, nq))
                : List.of(new LayerGroup(1, 1));
        Map<LayerGroup, List<SpeakerProbe.Example>> probe = new LinkedHashMap<>();
        groups.forEach(g -> probe.put(g, new ArrayList<>()));
        long total = CorpusSize.of(corpus);
        long done = 0;
        long frames = 0;
        double frameRate = 0;
        int aligned = 0;
        for (Utterance u : corpus) {
            TokenMatrix tm = subject.encode(u.audio());
            frameRate = tm.frameRate();
            int[][] codes = tm.itemCodes(0);
            frames += codes[0].length;
            for (int l = 0; l < nq; l++) {
                usage.add(l, codes[l]);
            }
            PhoneAlignment a = resources.alignment(u.id()).orElse(null);
            if (a != null) {
                aligned++;
                String[] labels = a.frameLabels(tm.frameRate(), codes[0].length);
                for (int l = 0; l < nq; l++) {
                    purity.get(l).add(codes[l], labels);
                    pnmi.get(l).add(codes[l], labels);
                }
            }
            if (u.speaker().isPresent() && codes[0].length > 0) {
                for (LayerGroup g : groups) {
                    probe.get(g).add(new SpeakerProbe.Example(u.id(), u.speaker().get(), BagOfUnits.of(codes, g, k)));
                }
            }
            progress.onProgress(++done, total);
        }
        if (done == 0) {
            throw io.voxtok.api.VoxtokException.userInput(id + ": the corpus is empty");
        }
        List<Metric> out = new ArrayList<>();
        out.add(TokenRates.tokenRate(frameRate, nq));
        out.add(TokenRates.bitrate(frameRate, nq, k));
        List<Metric> usageMetrics = new ArrayList<>();
        for (Metric m : usage.metrics()) {
            // CodebookUsage numbers layers from 0; every metric of this benchmark names layers from 1 (RVQ-1).
            Map<String, String> p = new LinkedHashMap<>(m.parameters());
            p.put("layer", "" + (Integer.parseInt(p.get("layer")) + 1));
            usageMetrics.add(new Metric(m.name(), m.value(), m.unit(), m.higherIsBetter(), m.version(), p));
        }
        out.addAll(usageMetrics);
        double[] layerPnmi = new double[nq];
        double[] layerPurity = new double[nq];
        for (int l = 0; l < nq; l++) {
            layerPnmi[l] = Double.NaN;
            layerPurity[l] = Double.NaN;
            PhonePurity p = purity.get(l);
            // PNMI is undefined with no labelled frame or a single phone (H(phone) = 0).
            if (p.frames() == 0 || p.phones() < 2) {
                continue;
            }
            Map<String, String> params = Map.of("layer", "" + (l + 1), "frames", "" + p.frames(),
                    "phones", "" + p.phones());
            layerPnmi[l] = pnmi.get(l).metrics().get(0).value();
            layerPurity[l] = p.phonePurity();
            out.add(new Metric("pnmi", layerPnmi[l], "fraction", true, Pnmi.VERSION, params));
            out.add(new Metric("phone_purity", layerPurity[l], "fraction", true, VERSION, params));
            out.add(new Metric("code_purity", p.codePurity(), "fraction", true, VERSION, params));
        }
        for (LayerGroup g : groups) {
            Map<String, String> params = Map.of("group", g.label(), "first_layer", "" + g.first(),
                    "last_layer", "" + g.last(), "aggregate", "mean over the group's layers");
            addMean(out, "group_mean_pnmi", layerPnmi, g, params);
            addMean(out, "group_mean_phone_purity", layerPurity, g, params);
            double[] perplexity = new double[nq];
            double[] utilisation = new double[nq];
            for (int l = 0; l < nq; l++) {
                utilisation[l] = usageMetrics.get(2 * l).value();
                perplexity[l] = usageMetrics.get(2 * l + 1).value();
            }
            addMean(out, "group_mean_perplexity", perplexity, g, params);
            addMean(out, "group_mean_utilisation", utilisation, g, params);
            SpeakerProbe.Result r = SpeakerProbe.run(probe.get(g));
            if (!Double.isNaN(r.accuracy())) {
                Map<String, String> pp = new LinkedHashMap<>(params);
                pp.remove("aggregate");
                pp.put("speakers", "" + r.speakers());
                pp.put("chance", "" + r.chance());
                pp.put("test_utterances", "" + r.testUtterances());
                pp.put("features", "bag of units (normalised code histogram per layer)");
                out.add(new Metric("speaker_probe_accuracy", r.accuracy(), "fraction", false, VERSION, pp));
            }
        }
        Map<String, String> prov = new LinkedHashMap<>();
        prov.put("utterances", "" + done);
        prov.put("frames", "" + frames);
        prov.put("aligned_utterances", "" + aligned);
        prov.put("frame_label", "phone covering the frame centre (t + 0.5) / frame_rate");
        prov.put("benchmark_version", VERSION);
        return new BenchmarkReport(id.name(), subject.id().toString(), out, prov);
    }

    private static void addMean(List<Metric> out, String name, double[] perLayer, LayerGroup g,
                                Map<String, String> params) {
        double sum = 0;
        int n = 0;
        for (int l = g.first() - 1; l < g.last(); l++) {
            if (!Double.isNaN(perLayer[l])) {
                sum += perLayer[l];
                n++;
            }
        }
        if (n > 0) {
            out.add(new Metric(name, sum / n, name.contains("perplexity") ? "codes" : "fraction", true, VERSION,
                    params));
        }
    }
}
