package io.voxtok.bench.run;

import io.voxtok.api.ComponentConfig;
import io.voxtok.api.VoxtokException;
import io.voxtok.api.audio.Utterance;
import io.voxtok.api.speaker.SpeakerEncoder;
import io.voxtok.api.bench.Benchmark;
import io.voxtok.api.bench.BenchmarkReport;
import io.voxtok.api.text.Transcriber;
import io.voxtok.api.token.TokenMatrix;
import io.voxtok.bench.cache.CachingTokenizer;
import io.voxtok.bench.cache.TokenCache;
import io.voxtok.bench.corpus.BenchCorpus;
import io.voxtok.bench.corpus.SplitProbeCorpus;
import io.voxtok.bench.report.FigureData;
import io.voxtok.bench.report.SubjectFigures;
import io.voxtok.bench.speaker.SpeakerEncoderSummary;
import io.voxtok.bench.subject.FileHashes;
import io.voxtok.bench.subject.OpenedSubject;
import io.voxtok.bench.subject.SubjectFactory;
import io.voxtok.bench.subject.SubjectSpec;
import io.voxtok.metrics.bench.BenchmarkResources;
import io.voxtok.modelio.AtomicFiles;
import io.voxtok.modelio.Json;
import io.voxtok.runtime.VoxtokRuntime;
import io.voxtok.runtime.model.ModelCatalog;
import io.voxtok.runtime.registry.FactoryKind;
import io.voxtok.runtime.registry.RegisteredFactory;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs every selected {@link Benchmark} on every subject. Per subject: the tokenizer is opened (layer selection
 * applied), wrapped in a {@link CachingTokenizer} whose cache folder is named after the subject's fingerprint, and
 * the tokens of every utterance are computed first (progress with ETA); benchmarks then receive the caching
 * tokenizer, so no benchmark encodes again. Each benchmark's result is written atomically to
 * {@code OUT/results/<subject>/<benchmark>.json} with a key over subject, corpus items, probe items, preset, seed and
 * speaker encoder (description with weights checksum); a later run with the same key reads it instead of running again, so a killed run resumes at the first
 * unfinished (subject, benchmark), and its token cache spares the encoding it had done.
 *
 * <p>A benchmark that throws a {@link VoxtokException} of kind USER_INPUT for a subject (k-means units cannot be
 * decoded, say) is recorded as "not applicable" with the message; other failures stop the run.
 */
public final class TokenizerBenchRunner {
    private static final Logger LOG = LoggerFactory.getLogger(TokenizerBenchRunner.class);
    private final VoxtokRuntime runtime;
    private final BenchOptions options;
    private final Optional<SpeakerEncoder> speakerEncoder;
    private SpeakerEncoderSummary speakerSummary = SpeakerEncoderSummary.none();
    private final Optional<Transcriber> transcriber;
    private final PrintWriter out;

    /**
     * @param runtime     loads subjects and benchmarks (and owns them)
     * @param options     the run's settings
     * @param speakerEncoder speaker encoder (SPI) for similarity metrics, if any (owned by the runtime)
     * @param transcriber    recogniser for WER, if any (not closed here)
     * @param out            progress output
     */
    public TokenizerBenchRunner(VoxtokRuntime runtime, BenchOptions options, Optional<SpeakerEncoder> speakerEncoder,
                                Optional<Transcriber> transcriber, PrintWriter out) {
        this.runtime = runtime;
        this.options = options;
        this.speakerEncoder = speakerEncoder;
        this.transcriber = transcriber;
        this.out = out;
    }

    /** The names of the benchmarks that will run: the loaded ones, filtered by the options, in load order. */
    public List<String> benchmarkNames() {
        List<String> loaded = runtime.registry().factories().stream().filter(r -> r.kind() == FactoryKind.BENCHMARK)
                .map(RegisteredFactory::factory).map(f -> f.id().name()).distinct().toList();
        if (options.benchmarks().isEmpty()) {
            return loaded;
        }
        for (String b : options.benchmarks()) {
            if (!loaded.contains(b)) {
                throw VoxtokException.userInput("--benchmark " + b + ": not loaded; available: " + loaded);
            }
        }
        return loaded.stream().filter(options.benchmarks()::contains).toList();
    }

    /** Plugins that contributed each benchmark, for the report. */
    public Map<String, String> benchmarkPlugins() {
        Map<String, String> m = new LinkedHashMap<>();
        for (RegisteredFactory r : runtime.registry().factories()) {
            if (r.kind() == FactoryKind.BENCHMARK) {
                m.put(r.factory().id().name(), r.pluginId() + ": " + r.factory().description());
            }
        }
        return m;
    }

    /** Runs everything. */
    public List<SubjectResult> run(BenchCorpus corpus, List<SubjectSpec> subjects, ModelCatalog catalog) {
        List<String> names = benchmarkNames();
        SplitProbeCorpus probe = new SplitProbeCorpus(corpus, options.probeTrain(), options.probeDev());
        BenchmarkResources resources = new BenchmarkResources(corpus.alignments(), speakerEncoder, transcriber,
                options.seed(), options.preset(), Optional.of(probe),
                Optional.of(options.cache().resolve("benchmarks")));
        speakerSummary = speakerEncoder.map(e -> {
            out.println("speaker encoder: " + e.spec().description());
            SpeakerEncoderSummary s = SpeakerEncoderSummary.measure(e, corpus.entries());
            out.println("  " + s.eerText());
            return s;
        }).orElse(SpeakerEncoderSummary.none());
        Map<String, Benchmark> benchmarks = new LinkedHashMap<>();
        for (String n : names) {
            benchmarks.put(n, runtime.createBenchmark(n, new ComponentConfig(options.benchmarkOptions()
                    .getOrDefault(n, Map.of()), Optional.empty()), Map.of(BenchmarkResources.class, resources)));
        }
        SubjectFactory factory = new SubjectFactory(runtime, catalog, corpus, options.cache(), options.unitsK(),
                options.unitsTrain(), options.seed(), out);
        String itemsHash = FileHashes.sha256(corpus.entries().stream().map(e -> e.id()).toList().toString() + "|"
                + probe.ids());
        List<SubjectResult> results = new ArrayList<>();
        for (SubjectSpec s : subjects) {
            out.println("subject " + s.text());
            OpenedSubject o = factory.open(s);
            out.println("  " + o.description());
            TokenCache cache = new TokenCache(options.cache().resolve("tokens").resolve(s.slug() + "-"
                    + o.fingerprint().substring(0, 12)), o.tokenizer().producer());
            CachingTokenizer tok = new CachingTokenizer(o.tokenizer(), cache);
            List<Utterance> utts = corpus.utterances(tok.spec().sampleRate(), tok.spec().channels());
            List<int[][]> codes = new ArrayList<>();
            EtaProgress p = new EtaProgress(out, "tokens");
            double frameRate = 0;
            for (Utterance u : utts) {
                TokenMatrix m = tok.encode(u.audio());
                frameRate = m.frameRate();
                codes.add(m.itemCodes(0));
                p.onProgress(codes.size(), utts.size());
            }
            out.printf("  token cache %s: %d reused, %d computed%n", cache.directory(), cache.hits(), cache.misses());
            Map<String, BenchmarkOutcome> outcomes = new LinkedHashMap<>();
            for (Map.Entry<String, Benchmark> b : benchmarks.entrySet()) {
                String key = FileHashes.sha256(o.fingerprint() + "|" + itemsHash + "|" + options.preset() + "|"
                        + options.seed() + "|" + speakerSummary.description() + "|" + transcriber.isPresent() + "|" + b.getKey() + "|"
                        + options.benchmarkOptions().getOrDefault(b.getKey(), Map.of()));
                outcomes.put(b.getKey(), runOne(s, b.getKey(), b.getValue(), tok, utts, key));
            }
            SubjectFigures figures = FigureData.compute(utts, codes, frameRate, tok.spec().codebookSize(),
                    corpus.alignments(), options.tsnePoints(), options.seed());
            Map<String, Object> cacheInfo = new LinkedHashMap<>();
            cacheInfo.put("directory", cache.directory().toAbsolutePath().normalize().toString());
            cacheInfo.put("reused", cache.hits());
            cacheInfo.put("computed", cache.misses());
            results.add(new SubjectResult(s.text(), o.description(), o.fingerprint(), tok.spec(), outcomes, figures,
                    o.inputs(), cacheInfo));
        }
        return results;
    }

    /** The speaker encoder and its EER on the benchmark's utterances (measured by {@link #run}). */
    public SpeakerEncoderSummary speakerEncoderSummary() {
        return speakerSummary;
    }

    @SuppressWarnings("unchecked")
    private BenchmarkOutcome runOne(SubjectSpec s, String name, Benchmark b, CachingTokenizer tok,
                                   List<Utterance> utts, String key) {
        Path file = options.output().resolve("results").resolve(s.slug()).resolve(name + ".json");
        if (Files.isRegularFile(file)) {
            Map<String, Object> saved = Json.readObject(file);
            if (key.equals(saved.get("key"))) {
                out.println("  " + name + ": done in an earlier run, reusing " + file);
                Object r = saved.get("report");
                return new BenchmarkOutcome(name, r == null ? Optional.empty()
                        : Optional.of(ReportCodec.fromMap((Map<String, Object>) r)), (String) saved.get("status"),
                        true, 0);
            }
        }
        out.println("  " + name + " ...");
        long t0 = System.nanoTime();
        BenchmarkOutcome outcome;
        try {
            BenchmarkReport r = b.run(tok, utts, new EtaProgress(out, name));
            String status = r.provenance().containsKey("not_applicable")
                    ? "not applicable: " + r.provenance().get("not_applicable") : "ok";
            outcome = new BenchmarkOutcome(name, Optional.of(r), status, false, (System.nanoTime() - t0) / 1e9);
        } catch (VoxtokException e) {
            if (e.kind() != io.voxtok.api.ErrorKind.USER_INPUT) {
                throw e;
            }
            LOG.debug("{} on {}", name, s.text(), e);
            outcome = new BenchmarkOutcome(name, Optional.empty(), "not applicable: " + e.getMessage(), false,
                    (System.nanoTime() - t0) / 1e9);
        }
        out.println("  " + name + ": " + outcome.status());
        Map<String, Object> saved = new LinkedHashMap<>();
        saved.put("key", key);
        saved.put("status", outcome.status());
        saved.put("seconds", outcome.seconds());
        saved.put("report", outcome.report().map(ReportCodec::toMap).orElse(null));
        AtomicFiles.writeString(file, Json.write(saved));
        return outcome;
    }
}
