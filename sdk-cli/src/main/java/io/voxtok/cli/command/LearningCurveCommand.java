package io.voxtok.cli.command;

import io.voxtok.api.ComponentConfig;
import io.voxtok.api.VoxtokException;
import io.voxtok.api.audio.AudioBuffer;
import io.voxtok.api.bench.Metric;
import io.voxtok.api.token.Tokenizer;
import io.voxtok.audio.AudioReader;
import io.voxtok.audio.WavWriter;
import io.voxtok.cli.support.PathArguments;
import io.voxtok.cli.support.RuntimeOptions;
import io.voxtok.data.CorpusEntry;
import io.voxtok.data.ManifestDataset;
import io.voxtok.data.Split;
import io.voxtok.metrics.EvaluationReport;
import io.voxtok.metrics.ResynthesisEvaluator;
import io.voxtok.api.text.Transcriber;
import io.voxtok.metrics.VoskTranscriber;
import io.voxtok.modelio.AtomicFiles;
import io.voxtok.runtime.VoxtokRuntime;
import io.voxtok.training.run.Checkpoint;
import io.voxtok.training.run.CheckpointStore;
import io.voxtok.training.run.LossCurvePlot;
import io.voxtok.training.run.MetricsLog;
import io.voxtok.training.run.MetricsRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code voxtok learning-curve RUN --corpus DIR}: the learning curve of a SpeechTokenizer training run on held-out
 * speech: every kept checkpoint resynthesises the first {@code --items} utterances of a split, and the resynthesis
 * is scored like {@code voxtok eval} (log-mel distance, SI-SDR, STOI, and WER/CER with the Vosk recogniser, next to
 * the recogniser's WER on the originals). Writes {@code curve.jsonl} (one line per checkpoint), {@code curve.md}
 * and {@code curve.png} under {@code -o} (default {@code RUN/curve}).
 */
@Command(name = "learning-curve", description = "Score every kept checkpoint of a training run on held-out speech"
        + " (mel distance, SI-SDR, STOI, recogniser WER/CER); writes curve.jsonl, curve.md and curve.png.")
public final class LearningCurveCommand implements Callable<Integer> {
    @Mixin
    RuntimeOptions runtime;

    @Parameters(paramLabel = "RUN", description = "training run directory (config.json, checkpoints/)")
    Path run;

    @Option(names = "--corpus", required = true, paramLabel = "DIR|manifest.jsonl", description = "corpus")
    Path corpus;

    @Option(names = "--split", defaultValue = "dev", paramLabel = "SPLIT", description = "dev (default), test or train")
    String split;

    @Option(names = "--items", defaultValue = "16", paramLabel = "N", description = "utterances scored (default 16)")
    int items;

    @Option(names = "--every", defaultValue = "1", paramLabel = "STEPS",
            description = "only checkpoints whose step is a multiple of this (default: all kept)")
    long every;

    @Option(names = {"-t", "--tokenizer"}, defaultValue = "speechtokenizer", paramLabel = "NAME",
            description = "tokenizer that loads a checkpoint's generator (default speechtokenizer)")
    String tokenizer;

    @Option(names = "--no-asr", description = "skip speech recognition (no WER/CER)")
    boolean noAsr;

    @Option(names = {"-o", "--output"}, paramLabel = "DIR", description = "output directory (default RUN/curve)")
    Path output;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (items < 1 || every < 1) {
            throw new IllegalArgumentException("--items and --every must be >= 1");
        }
        Path config = run.resolve("config.json");
        if (!Files.isRegularFile(config) || !Files.isDirectory(run.resolve("checkpoints"))) {
            throw VoxtokException.userInput(run + " is not a training run directory (config.json, checkpoints/)");
        }
        Path manifest = Files.isDirectory(corpus) ? corpus.resolve("manifest.jsonl") : corpus;
        if (!Files.isRegularFile(manifest)) {
            throw VoxtokException.userInput(manifest + ": no manifest.jsonl here");
        }
        Split wanted = Split.valueOf(split.toUpperCase(Locale.ROOT));
        List<CorpusEntry> entries = new ManifestDataset(manifest).entries().filter(e -> e.split() == wanted)
                .limit(items).toList();
        if (entries.isEmpty()) {
            throw VoxtokException.userInput(manifest + " has no " + split + " utterances");
        }
        List<Checkpoint> checkpoints = new CheckpointStore(run, Integer.MAX_VALUE).list().stream()
                .filter(c -> c.step() % every == 0).sorted(Comparator.comparingLong(Checkpoint::step)).toList();
        if (checkpoints.isEmpty()) {
            throw VoxtokException.userInput(run + " has no checkpoints" + (every > 1 ? " at multiples of " + every : ""));
        }
        Path out = output != null ? output : run.resolve("curve");
        Files.createDirectories(out);
        Path work = Files.createTempDirectory(out, ".work-");
        List<MetricsRecord> records = new ArrayList<>();
        Optional<Transcriber> asr = noAsr ? Optional.empty() : Optional.of(VoskTranscriber.open());
        try (VoxtokRuntime rt = runtime.start()) {
            Path refDir = Files.createDirectories(work.resolve("reference"));
            List<AudioBuffer> audio = new ArrayList<>();
            for (CorpusEntry e : entries) {
                AudioBuffer a = AudioReader.readAs(e.audioPath(), 16000, 1);
                audio.add(a);
                WavWriter.write(refDir.resolve(e.id() + ".wav"), a);
            }
            long t0 = System.nanoTime();
            Path curve = work.resolve("curve.jsonl");
            try (MetricsLog log = MetricsLog.create(curve)) {
                for (int i = 0; i < checkpoints.size(); i++) {
                    Checkpoint c = checkpoints.get(i);
                    Map<String, Double> m = score(rt, asr, config, c, entries, audio, refDir, manifest, work);
                    log.log(c.step(), m);
                    records.add(new MetricsRecord(c.step(), 0, new LinkedHashMap<>(m)));
                    double elapsed = (System.nanoTime() - t0) / 1e9;
                    double eta = elapsed / (i + 1) * (checkpoints.size() - i - 1);
                    System.err.printf(Locale.ROOT, "checkpoint %d/%d (step %d): %s  ETA %.0f s%n", i + 1,
                            checkpoints.size(), c.step(), m, eta);
                }
            }
            Files.move(curve, out.resolve("curve.jsonl"), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } finally {
            asr.ifPresent(Transcriber::close);
            PathArguments.deleteTree(work);
        }
        AtomicFiles.writeString(out.resolve("curve.md"), markdown(records));
        List<String> keys = new ArrayList<>(records.get(0).values().keySet());
        try {
            new LossCurvePlot("learning curve: " + run.getFileName() + " (" + split + ", " + entries.size()
                    + " utterances)", keys).write(records, out.resolve("curve.png"));
        } catch (RuntimeException | LinkageError e) {
            System.err.println("could not draw the curve: " + e);
        }
        spec.commandLine().getOut().print(markdown(records));
        spec.commandLine().getOut().printf("wrote %s/curve.jsonl, curve.md, curve.png%n", out);
        spec.commandLine().getOut().flush();
        return 0;
    }

    /** The evaluation metrics a curve keeps (the detail distance is the one intelligibility follows; README). */
    private static final java.util.Set<String> CURVE_METRICS = java.util.Set.of("wer", "cer", "wer_original",
            "cer_original", "log_mel_distance", "log_mel_detail_distance", "si_sdr", "stoi");

    private Map<String, Double> score(VoxtokRuntime rt, Optional<Transcriber> asr, Path config, Checkpoint c,
                                      List<CorpusEntry> entries, List<AudioBuffer> audio, Path refDir,
                                      Path manifest, Path work) throws IOException {
        Path generator = c.directory().resolve("generator.safetensors");
        if (!Files.isRegularFile(generator)) {
            throw VoxtokException.userInput(c.directory() + " has no generator.safetensors");
        }
        // a model directory view of the checkpoint: the run's config and its generator (official keys)
        Path model = Files.createDirectories(work.resolve("model-" + c.step()));
        Files.copy(config, model.resolve("config.json"), StandardCopyOption.REPLACE_EXISTING);
        Files.copy(generator, model.resolve("SpeechTokenizer.safetensors"), StandardCopyOption.REPLACE_EXISTING);
        Path hypDir = Files.createDirectories(work.resolve("hypothesis-" + c.step()));
        try (Tokenizer t = rt.createTokenizer(tokenizer, new ComponentConfig(Map.of(), Optional.of(model)))) {
            for (int i = 0; i < entries.size(); i++) {
                AudioBuffer y = t.decode(t.encode(audio.get(i)));
                WavWriter.write(hypDir.resolve(entries.get(i).id() + ".wav"), y);
            }
        }
        EvaluationReport r = ResynthesisEvaluator.standard(asr, Optional.of(manifest)).evaluate(refDir, hypDir,
                (d, n) -> { });
        Map<String, Double> m = new LinkedHashMap<>();
        for (Metric x : r.summary()) {
            if (CURVE_METRICS.contains(x.name())) {
                m.put(x.name(), x.value());
            }
        }
        PathArguments.deleteTree(model);
        PathArguments.deleteTree(hypDir);
        return m;
    }

    private static String markdown(List<MetricsRecord> records) {
        StringBuilder sb = new StringBuilder();
        List<String> keys = new ArrayList<>(records.get(0).values().keySet());
        sb.append("| step | ").append(String.join(" | ", keys)).append(" |\n|---:|");
        keys.forEach(k -> sb.append("---:|"));
        sb.append('\n');
        for (MetricsRecord r : records) {
            sb.append("| ").append(r.step());
            for (String k : keys) {
                Object v = r.values().get(k);
                sb.append(" | ").append(v instanceof Number n ? String.format(Locale.ROOT, "%.3f", n.doubleValue())
                        : "");
            }
            sb.append(" |\n");
        }
        return sb.toString();
    }
}
