package io.voxtok.cli.command;

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
import io.voxtok.metrics.VoskTranscriber;
import io.voxtok.metrics.bench.MelStatisticsSpeakerEmbedder;
import io.voxtok.metrics.bench.SpeakerEmbedder;
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
 * benchmark plugin (token statistics, information preservation, voice conversion, any third party's) on each
 * subject over a corpus split, and writes {@code report.json}, {@code report.md}, a self-contained
 * {@code report.html} with plots and {@code manifest.json}. Tokens are cached and results kept per (subject,
 * benchmark), so a killed run continues where it stopped.
 */
@Command(name = "tokenizers", description = {
    "SLMTokBench report over tokenizer subjects: token statistics, resynthesis WER/SIM, voice conversion, plots.",
    "SUBJECT: NAME[:rvqA[-B]] (a tokenizer or model name, or TOKENIZER=MODEL_DIR), or units:TEACHER_MODEL[@LAYER]"
            + " for k-means units of a teacher; e.g. speechtokenizer-small:rvq1, speechtokenizer-small:rvq1-8,"
            + " codec-small-nodistill:rvq1-8, units:phone-teacher, mulaw."})
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
            description = "small (20 VC pairs, k=100 units) or paper (300 pairs, k=500 units) (default ${DEFAULT-VALUE})")
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

    @Option(names = "--seed", defaultValue = "0", paramLabel = "N", description = "seed of every random choice (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--tsne-points", defaultValue = "600", paramLabel = "N", description = "most points per t-SNE map (default ${DEFAULT-VALUE})")
    int tsnePoints;

    @Option(names = "--no-asr", description = "skip speech recognition (no WER columns)")
    boolean noAsr;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        List<SubjectSpec> parsed = subjects.stream().map(SubjectSpec::parse).toList();
        int k = unitsK != null ? unitsK : preset.equals("paper") ? 500 : 100;
        List<String> cmd = new ArrayList<>(List.of("voxtok", "bench", "tokenizers"));
        cmd.addAll(spec.commandLine().getParseResult().originalArgs());
        BenchOptions o = new BenchOptions(corpus, split, preset, benchmarks, output,
                cache != null ? cache : output.resolve("cache"), maxUtterances, seed, k, tsnePoints, cmd);
        PrintWriter out = spec.commandLine().getOut();
        BenchCorpus c = BenchCorpus.open(corpus, split, maxUtterances);
        out.printf("corpus %s: %d utterances (split %s)%n", c.manifest(), c.entries().size(), split);
        // The trained speaker encoder will be selectable here; the model-free one is the default.
        SpeakerEmbedder embedder = new MelStatisticsSpeakerEmbedder();
        Optional<Transcriber> asr = noAsr ? Optional.empty() : Optional.of(VoskTranscriber.open());
        try (VoxtokRuntime rt = runtime.start()) {
            TokenizerBenchRunner runner = new TokenizerBenchRunner(rt, o, embedder, asr, out);
            List<SubjectResult> results = runner.run(c, parsed, ModelCatalog.standard(RuntimeOptions.home()));
            Map<String, Object> settings = new LinkedHashMap<>();
            settings.put("corpus", c.manifest().toAbsolutePath().normalize().toString());
            settings.put("split", split);
            settings.put("utterances", c.entries().size());
            settings.put("preset", preset);
            settings.put("seed", seed);
            settings.put("units_k", k);
            String asrName = asr.map(a -> ((VoskTranscriber) a).description()).orElse("none (--no-asr)");
            TokenizerBenchReport report = new TokenizerBenchReport(results, settings, runner.benchmarkPlugins(),
                    embedder.name(), asrName);
            Map<String, String> env = SpeedBenchmark.environment(rt.backend());
            ReportFiles.write(output, report, RunManifest.build(o, c, results, env, runner.benchmarkPlugins(),
                    embedder.name(), asrName));
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
