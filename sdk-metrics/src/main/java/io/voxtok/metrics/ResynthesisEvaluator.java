package io.voxtok.metrics;

import io.voxtok.api.VoxtokException;
import io.voxtok.api.audio.AudioBuffer;
import io.voxtok.api.bench.Metric;
import io.voxtok.api.bench.ProgressListener;
import io.voxtok.api.text.Transcriber;
import io.voxtok.audio.AudioReader;
import io.voxtok.data.CorpusEntry;
import io.voxtok.data.ManifestDataset;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compares resynthesised audio with originals ({@code voxtok eval --reference DIR --hypothesis DIR}). Files are
 * paired by their path relative to each folder without extension ({@code a/b.flac} pairs with {@code a/b.wav});
 * every reference needs a hypothesis (a missing one is an error naming it); extra hypotheses are ignored and
 * logged. Both sides are decoded, mixed to mono and resampled to the evaluation rate (default 16 kHz); lengths
 * may differ by at most {@code maxLengthMismatchSeconds} (codec padding), then both are cut to the shorter;
 * a larger mismatch is an error naming the pair.
 *
 * <p>Per file: every configured {@link PairedSignalMetric} (default SI-SDR, log-mel distance, multi-resolution
 * STFT distance, STOI, ESTOI). With a {@link Transcriber}, WER and CER of the hypothesis' transcription against
 * the manifest text (when a manifest is given, matched by id = file stem) or else against the transcription of
 * the reference audio. The summary is the mean over files for signal metrics and the corpus-level WER/CER.
 */
public final class ResynthesisEvaluator {
    private static final Logger LOG = LoggerFactory.getLogger(ResynthesisEvaluator.class);
    private static final List<String> AUDIO = List.of(".wav", ".flac");
    private final List<PairedSignalMetric> metrics;
    private final Optional<Transcriber> transcriber;
    private final Optional<Path> manifest;
    private final int sampleRate;
    private final double maxLengthMismatchSeconds;

    /**
     * @param metrics                  signal metrics per file
     * @param transcriber              recogniser for WER/CER, if any (not closed by this class)
     * @param manifest                 manifest giving reference texts, if any
     * @param sampleRate               evaluation rate
     * @param maxLengthMismatchSeconds largest tolerated length difference
     */
    public ResynthesisEvaluator(List<PairedSignalMetric> metrics, Optional<Transcriber> transcriber,
                                Optional<Path> manifest, int sampleRate, double maxLengthMismatchSeconds) {
        this.metrics = List.copyOf(metrics);
        this.transcriber = transcriber;
        this.manifest = manifest;
        this.sampleRate = sampleRate;
        this.maxLengthMismatchSeconds = maxLengthMismatchSeconds;
        if (sampleRate <= 0 || maxLengthMismatchSeconds < 0) {
            throw new IllegalArgumentException("bad evaluation rate or length tolerance");
        }
        transcriber.ifPresent(t -> {
            if (t.sampleRate() != sampleRate) {
                throw new IllegalArgumentException("transcriber expects " + t.sampleRate() + " Hz, evaluation runs at " + sampleRate);
            }
        });
    }

    /** The default signal metrics: SI-SDR, log-mel (plain and level-compensated), MR-STFT, STOI, ESTOI, band levels. */
    public static List<PairedSignalMetric> defaultMetrics() {
        List<PairedSignalMetric> all = new java.util.ArrayList<>(List.of(new SiSdr(), LogMelDistance.standard(),
                new LogMelDetailDistance(),
                MultiResolutionStftDistance.standard(), Stoi.stoi(), Stoi.estoi()));
        all.addAll(BandLevelDifference.speechBands());
        return List.copyOf(all);
    }

    /** Default metrics at 16 kHz, 0.1 s length tolerance, optional recogniser and manifest. */
    public static ResynthesisEvaluator standard(Optional<Transcriber> transcriber, Optional<Path> manifest) {
        return new ResynthesisEvaluator(defaultMetrics(), transcriber, manifest, 16000, 0.1);
    }

    /** Evaluates every reference file against its hypothesis. */
    public EvaluationReport evaluate(Path referenceDir, Path hypothesisDir, ProgressListener progress) {
        Map<String, Path> refs = audioFiles(referenceDir, "reference");
        Map<String, Path> hyps = audioFiles(hypothesisDir, "hypothesis");
        if (refs.isEmpty()) {
            throw VoxtokException.userInput("no .wav or .flac files in reference folder " + referenceDir);
        }
        List<String> missing = refs.keySet().stream().filter(k -> !hyps.containsKey(k)).toList();
        if (!missing.isEmpty()) {
            throw VoxtokException.userInput(missing.size() + " reference file(s) have no hypothesis in " + hypothesisDir
                    + ", e.g. " + missing.subList(0, Math.min(5, missing.size())));
        }
        long extra = hyps.keySet().stream().filter(k -> !refs.containsKey(k)).count();
        if (extra > 0) {
            LOG.warn("{} hypothesis file(s) without reference are ignored", extra);
        }
        Map<String, String> texts = manifestTexts();
        ErrorRate errors = new ErrorRate();
        // the recogniser's own error on the originals: the floor a resynthesis' WER is read against
        ErrorRate originalErrors = new ErrorRate();
        int originals = 0;
        List<EvaluationReport.FileResult> results = new ArrayList<>();
        Map<String, List<Metric>> byName = new LinkedHashMap<>();
        long done = 0;
        for (Map.Entry<String, Path> e : refs.entrySet()) {
            String name = e.getKey();
            AudioBuffer[] pair = loadPair(name, e.getValue(), hyps.get(name));
            List<Metric> values = new ArrayList<>();
            for (PairedSignalMetric m : metrics) {
                try {
                    values.add(m.compute(pair[0], pair[1]));
                } catch (VoxtokException ex) {
                    throw new VoxtokException(ex.kind(), name + ": " + ex.getMessage(), ex);
                }
            }
            if (transcriber.isPresent()) {
                String stem = name.substring(name.lastIndexOf('/') + 1);
                String ref = texts.containsKey(stem) ? texts.get(stem) : transcriber.get().transcribe(pair[0]);
                String hyp = transcriber.get().transcribe(pair[1]);
                errors.add(ref, hyp);
                if (texts.containsKey(stem)) {
                    originalErrors.add(ref, transcriber.get().transcribe(pair[0]));
                    originals++;
                }
                EditCounts w = ErrorRate.wordEdits(ref, hyp);
                if (w.referenceLength() > 0) {
                    values.add(new Metric("wer", w.errors() / (double) w.referenceLength(), "fraction", false,
                            ErrorRate.VERSION, Map.of("normalizer", "TextNormalizer v" + TextNormalizer.VERSION)));
                }
            }
            values.forEach(v -> byName.computeIfAbsent(v.name(), k -> new ArrayList<>()).add(v));
            results.add(new EvaluationReport.FileResult(name, values));
            progress.onProgress(++done, refs.size());
        }
        List<Metric> summary = new ArrayList<>();
        for (Map.Entry<String, List<Metric>> e : byName.entrySet()) {
            if (e.getKey().equals("wer")) {
                continue;
            }
            Metric first = e.getValue().get(0);
            double mean = e.getValue().stream().mapToDouble(Metric::value).average().orElseThrow();
            Map<String, String> p = new LinkedHashMap<>(first.parameters());
            p.put("aggregate", "mean over " + e.getValue().size() + " files");
            summary.add(new Metric(first.name(), mean, first.unit(), first.higherIsBetter(), first.version(), p));
        }
        if (transcriber.isPresent()) {
            summary.add(errors.wer());
            summary.add(errors.cer());
            if (originals > 0) {
                summary.add(renamed(originalErrors.wer(), "wer_original"));
                summary.add(renamed(originalErrors.cer(), "cer_original"));
            }
        }
        Map<String, String> prov = new TreeMap<>();
        prov.put("reference_dir", referenceDir.toAbsolutePath().normalize().toString());
        prov.put("hypothesis_dir", hypothesisDir.toAbsolutePath().normalize().toString());
        prov.put("files", "" + refs.size());
        prov.put("sample_rate", "" + sampleRate);
        prov.put("max_length_mismatch_s", "" + maxLengthMismatchSeconds);
        prov.put("wer_reference", transcriber.isEmpty() ? "none"
                : texts.isEmpty() ? "transcription of the reference audio" : "manifest text where available: " + manifest.get());
        transcriber.ifPresent(t -> prov.put("transcriber", t instanceof VoskTranscriber v ? v.description() : t.getClass().getName()));
        return new EvaluationReport(results, summary, prov);
    }

    private static Metric renamed(Metric m, String name) {
        Map<String, String> p = new LinkedHashMap<>(m.parameters());
        p.put("audio", "the reference (original) audio");
        return new Metric(name, m.value(), m.unit(), m.higherIsBetter(), m.version(), p);
    }

    private AudioBuffer[] loadPair(String name, Path refFile, Path hypFile) {
        AudioBuffer r = AudioReader.readAs(refFile, sampleRate, 1);
        AudioBuffer h = AudioReader.readAs(hypFile, sampleRate, 1);
        int diff = Math.abs(r.frames() - h.frames());
        if (diff > maxLengthMismatchSeconds * sampleRate) {
            throw VoxtokException.userInput(String.format(Locale.ROOT, "%s: reference %s is %.3f s but hypothesis %s is "
                    + "%.3f s (more than %.3f s apart)", name, refFile, r.seconds(), hypFile, h.seconds(), maxLengthMismatchSeconds));
        }
        int n = Math.min(r.frames(), h.frames());
        return new AudioBuffer[] {r.slice(0, n), h.slice(0, n)};
    }

    private Map<String, String> manifestTexts() {
        Map<String, String> out = new HashMap<>();
        if (manifest.isPresent()) {
            try (Stream<CorpusEntry> s = new ManifestDataset(manifest.get()).entries()) {
                s.forEach(e -> out.put(e.id(), e.text()));
            }
        }
        return out;
    }

    /** Audio files under {@code dir} keyed by relative path without extension, sorted. */
    static Map<String, Path> audioFiles(Path dir, String what) {
        if (!Files.isDirectory(dir)) {
            throw VoxtokException.userInput(what + " folder not found: " + dir);
        }
        Map<String, Path> out = new TreeMap<>();
        try (Stream<Path> s = Files.walk(dir)) {
            s.filter(Files::isRegularFile).forEach(p -> {
                String rel = dir.relativize(p).toString().replace('\\', '/');
                String lower = rel.toLowerCase(Locale.ROOT);
                for (String ext : AUDIO) {
                    if (lower.endsWith(ext)) {
                        String key = rel.substring(0, rel.length() - ext.length());
                        Path prev = out.put(key, p);
                        if (prev != null) {
                            throw VoxtokException.userInput(what + " folder has two files for '" + key + "': " + prev + " and " + p);
                        }
                    }
                }
            });
        } catch (IOException e) {
            throw VoxtokException.userInput("cannot list " + dir + ": " + e.getMessage());
        }
        return out;
    }
}
