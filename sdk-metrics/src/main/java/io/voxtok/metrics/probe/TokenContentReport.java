package io.voxtok.metrics.probe;

import io.voxtok.api.VoxtokException;
import io.voxtok.api.bench.Metric;
import io.voxtok.data.CorpusEntry;
import io.voxtok.data.ManifestDataset;
import io.voxtok.data.PhoneAlignment;
import io.voxtok.metrics.CodebookUsage;
import io.voxtok.metrics.Pnmi;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What each RVQ layer of a tokenizer's codes carries, measured over a corpus with phone alignments: per layer,
 * codebook usage ({@link CodebookUsage}), phone purity and code purity ({@link PhonePurity}) and PNMI
 * ({@link Pnmi}); per layer group, a {@link SpeakerProbe} on {@link BagOfUnits} features. The SpeechTokenizer
 * claim is high phone purity/PNMI and low speaker accuracy for RVQ-1, the reverse for RVQ-2..8.
 *
 * <p>Token files are {@code <id>.npy} in one folder; manifest items without a token file are counted and
 * skipped (a folder may hold one split only); a token file whose length differs from the manifest duration by
 * more than the tolerance is an error naming the file.
 */
public final class TokenContentReport {
    private TokenContentReport() {
    }

    /** Measures the token files in {@code tokenDir} against the manifest. */
    public static ProbeReport compute(Path tokenDir, Path manifest, TokenContentOptions o) {
        if (!Files.isDirectory(tokenDir)) {
            throw VoxtokException.userInput(tokenDir + ": token folder not found (expected <id>.npy files)");
        }
        List<CorpusEntry> entries;
        try (Stream<CorpusEntry> s = new ManifestDataset(manifest).entries()) {
            entries = s.filter(e -> o.split().equals("all") || e.split().label().equals(o.split()))
                    .collect(Collectors.toList());
        }
        TreeSet<String> npyIds = new TreeSet<>();
        try (Stream<Path> s = Files.list(tokenDir)) {
            s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".npy"))
                    .forEach(n -> npyIds.add(n.substring(0, n.length() - 4)));
        } catch (IOException e) {
            throw VoxtokException.userInput(tokenDir + ": cannot list: " + e.getMessage());
        }
        List<UtteranceTokens> tokens = new ArrayList<>();
        List<CorpusEntry> matched = new ArrayList<>();
        int missing = 0;
        for (CorpusEntry e : entries) {
            if (!npyIds.remove(e.id())) {
                missing++;
                continue;
            }
            Path file = tokenDir.resolve(e.id() + ".npy");
            UtteranceTokens t = UtteranceTokens.read(file, o.codebookSize());
            if (!tokens.isEmpty() && t.layers() != tokens.get(0).layers()) {
                throw VoxtokException.userInput(file + ": has " + t.layers() + " layers, "
                        + tokens.get(0).file() + " has " + tokens.get(0).layers());
            }
            OptionalDouble duration = e.duration().isPresent() ? e.duration()
                    : e.alignment().map(a -> OptionalDouble.of(a.end())).orElse(OptionalDouble.empty());
            if (duration.isPresent()) {
                double expected = duration.getAsDouble() * o.frameRate();
                if (Math.abs(t.frames() - expected) > o.toleranceFrames()) {
                    throw VoxtokException.userInput(String.format(Locale.ROOT,
                            "%s: %d token frames but the manifest gives %.3f s = %.1f frames at %.1f frames/s"
                                    + " (more than %d frames apart; wrong --frame-rate or wrong tokens?)",
                            file, t.frames(), duration.getAsDouble(), expected, o.frameRate(), o.toleranceFrames()));
                }
            }
            tokens.add(t);
            matched.add(e);
        }
        if (tokens.isEmpty()) {
            throw VoxtokException.userInput(tokenDir + ": no <id>.npy file matches a " + o.split()
                    + " item of " + manifest);
        }
        int nq = tokens.get(0).layers();
        List<Integer> layers = o.layers().isEmpty()
                ? java.util.stream.IntStream.rangeClosed(1, nq).boxed().toList() : o.layers();
        for (int l : layers) {
            if (l > nq) {
                throw new IllegalArgumentException("layer " + l + " asked for, the tokens have " + nq + " layers");
            }
        }
        List<LayerGroup> groups = o.groups().isEmpty()
                ? (nq >= 2 ? List.of(new LayerGroup(1, 1), new LayerGroup(2, nq)) : List.of(new LayerGroup(1, 1)))
                : o.groups();
        for (LayerGroup g : groups) {
            if (g.last() > nq) {
                throw new IllegalArgumentException("layer group " + g.label() + " asked for, the tokens have "
                        + nq + " layers");
            }
        }

        // Phone content per layer.
        CodebookUsage usage = new CodebookUsage(nq, 0, o.codebookSize());
        Map<Integer, PhonePurity> purity = new LinkedHashMap<>();
        Map<Integer, Pnmi> pnmi = new LinkedHashMap<>();
        for (int l : layers) {
            purity.put(l, new PhonePurity(o.codebookSize()));
            pnmi.put(l, new Pnmi(o.codebookSize()));
        }
        int unaligned = 0;
        for (int i = 0; i < tokens.size(); i++) {
            UtteranceTokens t = tokens.get(i);
            for (int l = 0; l < nq; l++) {
                usage.add(l, t.codes()[l]);
            }
            PhoneAlignment a = matched.get(i).alignment().orElse(null);
            if (a == null) {
                unaligned++;
                continue;
            }
            String[] labels = a.frameLabels(o.frameRate(), t.frames());
            for (int l : layers) {
                purity.get(l).add(t.codes()[l - 1], labels);
                pnmi.get(l).add(t.codes()[l - 1], labels);
            }
        }
        List<Metric> usageMetrics = usage.metrics();
        List<Map<String, Object>> layerRows = new ArrayList<>();
        for (int l : layers) {
            PhonePurity p = purity.get(l);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("layer", l);
            row.put("codebook_utilisation", usageMetrics.get(2 * (l - 1)).value());
            row.put("codebook_perplexity", usageMetrics.get(2 * (l - 1) + 1).value());
            row.put("labelled_frames", p.frames());
            row.put("phones", p.phones());
            row.put("phone_purity", p.frames() == 0 ? null : p.phonePurity());
            row.put("code_purity", p.frames() == 0 ? null : p.codePurity());
            row.put("pnmi", pnmiOf(pnmi.get(l), p));
            List<Map<String, Object>> top = new ArrayList<>();
            for (PhonePurity.TopCode tc : p.topCodes()) {
                top.add(Map.of("phone", tc.phone(), "code", tc.code(), "fraction", tc.fraction(),
                        "frames", tc.frames()));
            }
            row.put("top_code_per_phone", top);
            layerRows.add(row);
        }

        // Speaker identity per layer group.
        List<Map<String, Object>> probeRows = new ArrayList<>();
        for (LayerGroup g : groups) {
            List<SpeakerProbe.Example> ex = new ArrayList<>();
            for (int i = 0; i < tokens.size(); i++) {
                ex.add(new SpeakerProbe.Example(matched.get(i).id(), matched.get(i).speaker(),
                        BagOfUnits.of(tokens.get(i).codes(), g, o.codebookSize())));
            }
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("group", g.label());
            row.put("first_layer", g.first());
            row.put("last_layer", g.last());
            row.putAll(SpeakerProbe.run(ex).toMap());
            probeRows.add(row);
        }

        Map<String, Object> json = new LinkedHashMap<>();
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("tokens", tokenDir.toAbsolutePath().toString());
        settings.put("manifest", manifest.toAbsolutePath().toString());
        settings.put("split", o.split());
        settings.put("frame_rate", o.frameRate());
        settings.put("hop", o.hop());
        settings.put("sample_rate", o.frameRate() * o.hop());
        settings.put("codebook_size", o.codebookSize());
        settings.put("frame_label", "phone covering the frame centre (t + 0.5) / frame_rate");
        json.put("settings", settings);
        Map<String, Object> counts = new LinkedHashMap<>();
        counts.put("utterances", tokens.size());
        counts.put("layers", nq);
        counts.put("frames", tokens.stream().mapToLong(UtteranceTokens::frames).sum());
        counts.put("manifest_items_without_tokens", missing);
        counts.put("token_files_not_in_manifest", npyIds.size());
        counts.put("utterances_without_alignment", unaligned);
        json.put("counts", counts);
        json.put("layers", layerRows);
        json.put("speaker_probe", probeRows);
        return new ProbeReport(json, markdown(settings, counts, layerRows, probeRows));
    }

    private static Double pnmiOf(Pnmi p, PhonePurity counts) {
        // PNMI is undefined without frames or with a single phone (H(phone) = 0); report null, not an error.
        if (counts.frames() == 0 || counts.phones() < 2) {
            return null;
        }
        return p.metrics().stream().filter(m -> m.name().equals("pnmi")).findFirst().orElseThrow().value();
    }

    @SuppressWarnings("unchecked")
    private static String markdown(Map<String, Object> settings, Map<String, Object> counts,
                                   List<Map<String, Object>> layers, List<Map<String, Object>> probes) {
        StringBuilder b = new StringBuilder("# Token content report\n\n");
        b.append(String.format(Locale.ROOT, "%s utterances (split %s), %s layers, %s frames at %s frames/s"
                        + " (hop %s); %s manifest items had no token file, %s token files were not in the manifest.%n%n",
                counts.get("utterances"), settings.get("split"), counts.get("layers"), counts.get("frames"),
                settings.get("frame_rate"), settings.get("hop"), counts.get("manifest_items_without_tokens"),
                counts.get("token_files_not_in_manifest")));
        b.append("## Phone content per layer\n\n");
        b.append("| layer | utilisation | perplexity | phone purity | code purity | PNMI | labelled frames |\n");
        b.append("|---|---|---|---|---|---|---|\n");
        for (Map<String, Object> r : layers) {
            b.append(String.format(Locale.ROOT, "| RVQ-%s | %s | %s | %s | %s | %s | %s |%n", r.get("layer"),
                    num(r.get("codebook_utilisation")), num(r.get("codebook_perplexity")), num(r.get("phone_purity")),
                    num(r.get("code_purity")), num(r.get("pnmi")), r.get("labelled_frames")));
        }
        b.append("\nphone purity: fraction of frames whose phone is the most frequent phone of their code;"
                + " code purity: fraction of frames whose code is the most frequent code of their phone;"
                + " PNMI = I(phone; code) / H(phone).\n\n");
        b.append("## Speaker probe (logistic regression on bags of units)\n\n");
        b.append("| layers | accuracy | chance | speakers | train / test utterances | skipped speakers |\n");
        b.append("|---|---|---|---|---|---|\n");
        for (Map<String, Object> r : probes) {
            b.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s / %s | %s |%n", r.get("group"),
                    num(r.get("accuracy")), num(r.get("chance")), r.get("speakers"), r.get("train_utterances"),
                    r.get("test_utterances"), String.join(", ", (List<String>) r.get("skipped_speakers"))));
        }
        b.append("\nThe paper's claim: RVQ-1 accuracy well below RVQ-2..8 accuracy (RVQ-1 carries content,"
                + " the rest the voice).\n");
        return b.toString();
    }

    private static String num(Object v) {
        return v instanceof Number n ? String.format(Locale.ROOT, "%.3f", n.doubleValue()) : "n/a";
    }
}
