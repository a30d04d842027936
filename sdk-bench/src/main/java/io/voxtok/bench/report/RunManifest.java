package io.voxtok.bench.report;

import io.voxtok.api.SpiVersion;
import io.voxtok.bench.corpus.BenchCorpus;
import io.voxtok.bench.run.BenchOptions;
import io.voxtok.bench.run.SubjectResult;
import io.voxtok.bench.subject.FileHashes;
import io.voxtok.data.CorpusEntry;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code manifest.json}: every input (corpus manifest and audio files, model files, fitted centroids) with its
 * SHA-256, the versions of the SDK, SPI, DJL, PyTorch, Vosk and JFreeChart, the machine, the command line and the
 * seeds, so that a run can be reproduced and its numbers traced.
 */
public final class RunManifest {
    private RunManifest() {
    }

    /** The manifest as a JSON-ready map. */
    public static Map<String, Object> build(BenchOptions o, BenchCorpus corpus, List<SubjectResult> results,
                                            Map<String, String> environment, Map<String, String> benchmarkPlugins,
                                            Map<String, Object> speakerEncoder, String transcriber) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("schema", "voxtok.bench.tokenizers.manifest/1");
        m.put("command_line", o.commandLine());
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("corpus", o.corpus().toAbsolutePath().normalize().toString());
        settings.put("split", o.split());
        settings.put("preset", o.preset());
        settings.put("max_utterances", o.maxUtterances());
        settings.put("seed", o.seed());
        settings.put("units_k", o.unitsK());
        settings.put("units_train", o.unitsTrain());
        settings.put("tsne_points", o.tsnePoints());
        settings.put("probe_train", o.probeTrain());
        settings.put("probe_dev", o.probeDev());
        settings.put("benchmark_options", o.benchmarkOptions());
        settings.put("cache", o.cache().toAbsolutePath().normalize().toString());
        m.put("settings", settings);
        Map<String, Object> versions = new LinkedHashMap<>(versions());
        m.put("versions", versions);
        m.put("environment", environment);
        m.put("benchmarks", benchmarkPlugins);
        m.put("speaker_encoder", speakerEncoder);
        m.put("transcriber", transcriber);
        Map<String, String> corpusFiles = new TreeMap<>();
        corpusFiles.put(corpus.manifest().toAbsolutePath().normalize().toString(), FileHashes.sha256(corpus.manifest()));
        for (CorpusEntry e : corpus.entries()) {
            corpusFiles.put(e.audioPath().toAbsolutePath().normalize().toString(), FileHashes.sha256(e.audioPath()));
        }
        m.put("corpus_files", corpusFiles);
        Map<String, Object> subjects = new LinkedHashMap<>();
        for (SubjectResult r : results) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("description", r.description());
            s.put("fingerprint", r.fingerprint());
            s.put("model_files", new TreeMap<>(r.inputs()));
            s.put("token_cache", r.cache());
            subjects.put(r.label(), s);
        }
        m.put("subjects", subjects);
        return m;
    }

    /** Versions of the libraries that shape the numbers. */
    public static Map<String, String> versions() {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("voxtok_sdk", implementationVersion(RunManifest.class, "0.1.0-SNAPSHOT"));
        v.put("spi", SpiVersion.CURRENT);
        v.put("java", System.getProperty("java.version"));
        v.put("djl", implementationVersion(ai.djl.engine.Engine.class, "unknown"));
        try {
            ai.djl.engine.Engine e = ai.djl.engine.Engine.getEngine("PyTorch");
            v.put("pytorch", e.getVersion());
        } catch (RuntimeException | LinkageError e) {
            v.put("pytorch", "not loaded");
        }
        v.put("vosk", io.voxtok.metrics.VoskModelCache.VERSION);
        v.put("jfreechart", implementationVersion(org.jfree.chart.JFreeChart.class, "1.5.5"));
        return v;
    }

    private static String implementationVersion(Class<?> c, String fallback) {
        String s = c.getPackage() == null ? null : c.getPackage().getImplementationVersion();
        return s == null ? fallback : s;
    }
}
