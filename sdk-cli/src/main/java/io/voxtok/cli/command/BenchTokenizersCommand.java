package io.voxtok.cli.command;

import io.voxtok.api.speaker.SpeakerEncoder;
import io.voxtok.api.text.Transcriber;
import io.voxtok.bench.corpus.BenchCorpus;
import io.voxtok.bench.report.MarkdownReport;
import io.voxtok.bench.report.ReportFiles;
import io.voxtok.bench.report.RunManifest;
import io.voxtok.bench.report.TokenizerBenchReport;
import io.voxtok.bench.run.BenchOptions;
import io.voxtok.bench.run.SubjectResult;
import io.voxtok.bench.run.TokenizerBenchRunner;
import io.voxtok.bench.subject.SubjectSpec;
import io.voxtok.cli.support.RuntimeOptions;
import io.voxtok.cli.support.SpeakerEncoderSelection;
import io.voxtok.metrics.VoskTranscriber;
import io.voxtok.runtime.VoxtokRuntime;
import io.voxtok.runtime.bench.SpeedBenchmark;
import io.voxtok.runtime.model.ModelCatalog;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code voxtok bench tokenizers}: SLMTokBench over tokenizer subjects (issue #12): runs every installed
 * benchmark plugin (text alignment, token statistics, information preservation, voice conversion, any third
 * party's) on each subject over a corpus split, with speaker similarity measured by a speaker encoder of the SPI
 * ({@code --speaker-encoder}, the shipped {@code speaker-encoder} by default, whose EER on the benchmark utterances
 * the report states next to SIM) and probes trained on the corpus' train and dev splits, and writes
 * {@code report.json}, {@code report.md}, a self-contained {@code report.html}, {@code manifest.json} and the plots
 * as PNG files. Tokens are cached and results kept per (subject, benchmark), and the text-alignment probe keeps
 * per-epoch checkpoints, so a killed run continues where it stopped.
 */
@Command(name = "tokenizers", description = {
    "SLMTokBench report over tokenizer subjects: text alignment (MI, probe WER), resynthesis WER/SIM, token"
            + " statistics, voice conversion, plots.",
    "SUBJECT: NAME[:rvqA[-B]] (a tokenizer or model name, or TOKENIZER=MODEL_DIR), or units:TEACHER_MODEL[@LAYER]"
            + " for k-means units of a teacher (units:phone-teacher stands in for HuBERT units here); e.g."
            + " speechtokenizer-small:rvq1, speechtokenizer-small:rvq1-8, codec-small-nodistill:rvq1-8,"
            + " units:phone-teacher, mulaw."})
public final class BenchTokenizersCommand implements Callable<Integer> {
    @Mixin
    RuntimeOptions runtime;

    @Option(names = "--subject", required = true, paramLabel = "SUBJECT", description = "subject (repeatable)")
    List<String> subjects = new ArrayList<>();

    @Option(names = "--corpus", required = true, paramLabel = "DIR", description = "corpus folder with manifest.jsonl (e.g. corpus/bundled)")
    Path corpus;

    @Option(names = "--split", defaultValue = "test", paramLabel = "S", description = "train, dev, test or all (default ${DEFAULT-VALUE})")
    String split;

    @Option(names = "--preset", defaultValue = "small", paramLabel = "P",
            description = "small (2x128 BiLSTM probe, 20 VC pairs, k=100 units) or paper (2x1024 probe, 300 pairs,"
                    + " k=500 units) (default ${DEFAULT-VALUE})")
    String preset;

    @Option(names = "--benchmark", paramLabel = "NAME", description = "run only these benchmarks (repeatable; default all installed)")
    List<String> benchmarks = new ArrayList<>();

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "REPORT_DIR", description = "report folder")
    Path output;

    @Option(names = "--cache", paramLabel = "DIR", description = "token cache (default REPORT_DIR/cache)")
    Path cache;

    @Option(names = "--max-utterances", defaultValue = "300", paramLabel = "N", description = "most utterances used (default ${DEFAULT-VALUE})")
    int maxUtterances;

    @Option(names = "--units-k", paramLabel = "K", description = "clusters of units: subjects (default: 100 small, 500 paper)")
    Integer unitsK;

    @Option(names = "--units-train", defaultValue = "300", paramLabel = "N",
            description = "most train-split utterances k-means units are fitted on (default ${DEFAULT-VALUE})")
    int unitsTrain;

    @Option(names = "--seed", defaultValue = "0", paramLabel = "N", description = "seed of every random choice (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--tsne-points", defaultValue = "600", paramLabel = "N", description = "most points per t-SNE map (default ${DEFAULT-VALUE})")
    int tsnePoints;

    @Option(names = "--no-asr", description = "skip speech recognition (no WER columns)")
    boolean noAsr;

    @Option(names = "--speaker-encoder", defaultValue = SpeakerEncoderSelection.DEFAULT, paramLabel = "NAME|DIR|ONNX",
            description = "speaker encoder for the SIM columns: a speaker-encoder factory (speaker-encoder,"
                    + " logmel-stats, ...), a speaker-encoder model directory or shipped model name, an .onnx file,"
                    + " or none (default ${DEFAULT-VALUE}: the shipped x-vector); its EER on the benchmark utterances"
                    + " is measured and reported next to SIM")
    String speakerEncoder;

    @Option(names = {"-B", "--benchmark-option"}, paramLabel = "NAME.KEY=VALUE",
            description = "an option of one benchmark (repeatable), e.g. text-alignment.epochs=15,"
                    + " text-alignment.combination=concat")
    Map<String, String> benchmarkOptions = new LinkedHashMap<>();

    @Option(names = "--probe-train", defaultValue = "300", paramLabel = "N",
            description = "most train-split utterances the text-alignment probe trains on (default ${DEFAULT-VALUE})")
    int probeTrain;

    @Option(names = "--probe-dev", defaultValue = "50", paramLabel = "N",
            description = "most dev-split utterances for the probe's learning curve and epoch choice (default"
                    + " ${DEFAULT-VALUE})")
    int probeDev;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** {@code NAME.KEY=VALUE} options grouped by benchmark name. */
    static Map<String, Map<String, String>> perBenchmark(Map<String, String> options) {
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        options.forEach((k, v) -> {
            int dot = k.indexOf('.');
            if (dot <= 0 || dot == k.length() - 1) {
                throw new CommandLine.ParameterException(new CommandLine(new BenchTokenizersCommand()),
                        "--benchmark-option " + k + "=" + v + ": expected NAME.KEY=VALUE, e.g. text-alignment.epochs=15");
            }
            out.computeIfAbsent(k.substring(0, dot), x -> new LinkedHashMap<>()).put(k.substring(dot + 1), v);
        });
        return out;
    }

    @Override
    public Integer call() {
        List<SubjectSpec> parsed = subjects.stream().map(SubjectSpec::parse).toList();
        int k = unitsK != null ? unitsK : preset.equals("paper") ? 500 : 100;
        List<String> cmd = new ArrayList<>(List.of("voxtok", "bench", "tokenizers"));
        cmd.addAll(spec.commandLine().getParseResult().originalArgs());
        BenchOptions o = new BenchOptions(corpus, split, preset, benchmarks, output,
                cache != null ? cache : output.resolve("cache"), maxUtterances, seed, k, unitsTrain, tsnePoints, probeTrain, probeDev,
                perBenchmark(benchmarkOptions), cmd);
        PrintWriter out = spec.commandLine().getOut();
        BenchCorpus c = BenchCorpus.open(corpus, split, maxUtterances);
        out.printf("corpus %s: %d utterances (split %s)%n", c.manifest(), c.entries().size(), split);
        Optional<Transcriber> asr = noAsr ? Optional.empty() : Optional.of(VoskTranscriber.open());
        try (VoxtokRuntime rt = runtime.start()) {
            Optional<SpeakerEncoder> encoder = speakerEncoder.equals("none") ? Optional.empty()
                    : Optional.of(SpeakerEncoderSelection.open(rt, speakerEncoder));
            TokenizerBenchRunner runner = new TokenizerBenchRunner(rt, o, encoder, asr, out);
            List<SubjectResult> results = runner.run(c, parsed, ModelCatalog.standard(RuntimeOptions.home()));
            Map<String, Object> settings = new LinkedHashMap<>();
            settings.put("corpus", c.manifest().toAbsolutePath().normalize().toString());
            settings.put("split", split);
            settings.put("utterances", c.entries().size());
            settings.put("preset", preset);
            settings.put("seed", seed);
            settings.put("units_k", k);
            settings.put("units_train_max", unitsTrain);
            settings.put("probe_train_max", probeTrain);
            settings.put("probe_dev_max", probeDev);
            if (!benchmarkOptions.isEmpty()) {
                settings.put("benchmark_options", new java.util.TreeMap<>(benchmarkOptions));
            }
            String asrName = asr.map(a -> ((VoskTranscriber) a).description()).orElse("none (--no-asr)");
            TokenizerBenchReport report = new TokenizerBenchReport(results, settings, runner.benchmarkPlugins(),
                    runner.speakerEncoderSummary(), asrName);
            Map<String, String> env = SpeedBenchmark.environment(rt.backend());
            ReportFiles.write(output, report, RunManifest.build(o, c, results, env, runner.benchmarkPlugins(),
                    runner.speakerEncoderSummary().toJson(), asrName));
            out.println();
            out.print(MarkdownReport.table(report));
            out.printf("%nwrote %s (report.json, report.md, report.html, manifest.json)%n", output);
            out.flush();
        } finally {
            asr.ifPresent(Transcriber::close);
        }
        return 0;
    }
}
