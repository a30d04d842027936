package io.voxtok.plugin.slmtokbench.conversion;

import io.voxtok.api.ComponentId;
import io.voxtok.api.audio.AudioBuffer;
import io.voxtok.api.audio.Utterance;
import io.voxtok.api.bench.Benchmark;
import io.voxtok.api.bench.BenchmarkReport;
import io.voxtok.api.bench.Metric;
import io.voxtok.api.bench.ProgressListener;
import io.voxtok.api.text.Transcriber;
import io.voxtok.api.token.TokenMatrix;
import io.voxtok.api.token.Tokenizer;
import io.voxtok.metrics.ErrorRate;
import io.voxtok.metrics.bench.BenchmarkResources;
import io.voxtok.plugin.slmtokbench.common.SpeakerSimilarity;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The paper's voice conversion table (Table 5) for tokenizers whose leading layers carry content
 * ({@code spec().semanticLayers() >= 1}) and that have more layers than that: for each {@link ConversionPairs}
 * pair (A, B), decode {@code RVQ-1..s of A + RVQ-s+1..n of B} (B's codes truncated or cyclically repeated to A's
 * length) and measure
 * <ul>
 *   <li>{@code vc_similarity_to_source}, {@code vc_similarity_to_reference}: mean speaker similarity of the
 *   conversion to A's and B's original audio; {@code vc_reference_closer_fraction}: how often it is closer to
 *   B;</li>
 *   <li>{@code vc_wer}: WER of the conversion against A's transcript (content kept?).</li>
 * </ul>
 * For other subjects the report has no metrics and {@code not_applicable} in its provenance says why.
 */
public final class VoiceConversionBenchmark implements Benchmark {
    /** Definition version of this benchmark's metric set. */
    public static final String VERSION = "1";
    /** Pairs per preset. */
    public static final Map<String, Integer> PAIRS = Map.of("small", 20, "paper", 300);
    private final ComponentId id;
    private final BenchmarkResources resources;

    /** A benchmark using the recogniser and speaker encoder of {@code resources}. */
    public VoiceConversionBenchmark(ComponentId id, BenchmarkResources resources) {
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
        int semantic = subject.spec().semanticLayers();
        int n = subject.spec().numLayers();
        Map<String, String> prov = new LinkedHashMap<>();
        prov.put("benchmark_version", VERSION);
        if (semantic < 1 || n <= semantic) {
            prov.put("not_applicable", "needs content layers followed by acoustic layers; the subject has "
                    + semantic + " semantic of " + n + " layers");
            return new BenchmarkReport(id.name(), subject.id().toString(), List.of(), prov);
        }
        List<Utterance> all = new ArrayList<>();
        corpus.forEach(all::add);
        List<ConversionPairs.Pair> pairs = ConversionPairs.of(all, PAIRS.getOrDefault(resources.preset(), 20));
        if (pairs.isEmpty()) {
            prov.put("not_applicable", "no two utterances of different speakers");
            return new BenchmarkReport(id.name(), subject.id().toString(), List.of(), prov);
        }
        if (resources.speakerEncoder().isEmpty()) {
            prov.put("not_applicable", "the host offers no speaker encoder (voxtok bench tokenizers"
                    + " --speaker-encoder)");
            return new BenchmarkReport(id.name(), subject.id().toString(), List.of(), prov);
        }
        SpeakerSimilarity sim = new SpeakerSimilarity(resources.speakerEncoder().get());
        Map<String, float[]> original = new LinkedHashMap<>();
        for (ConversionPairs.Pair p : pairs) {
            for (Utterance u : List.of(p.source(), p.reference())) {
                if (!original.containsKey(u.id())) {
                    original.put(u.id(), sim.embed(u.audio()));
                }
            }
        }
        Transcriber asr = resources.transcriber().orElse(null);
        ErrorRate errors = new ErrorRate();
        double toSource = 0;
        double toReference = 0;
        int closer = 0;
        int transcribed = 0;
        long done = 0;
        for (ConversionPairs.Pair p : pairs) {
            AudioBuffer converted = convert(subject, p.source().audio(), p.reference().audio(), semantic);
            float[] e = sim.embed(converted);
            double cs = sim.cosine(e, original.get(p.source().id()));
            double cr = sim.cosine(e, original.get(p.reference().id()));
            toSource += cs;
            toReference += cr;
            closer += cr > cs ? 1 : 0;
            if (asr != null && p.source().transcript().isPresent()) {
                errors.add(p.source().transcript().get(), asr.transcribe(
                        io.voxtok.plugin.slmtokbench.common.BenchmarkAudio.monoAt(converted, asr.sampleRate())));
                transcribed++;
            }
            progress.onProgress(++done, pairs.size());
        }
        Map<String, String> params = Map.of("pairs", "" + pairs.size(), "speaker_encoder", sim.description(),
                "content_layers", "RVQ-1.." + semantic, "voice_layers", "RVQ-" + (semantic + 1) + ".." + n);
        List<Metric> out = new ArrayList<>();
        out.add(new Metric("vc_similarity_to_source", toSource / pairs.size(), "cosine", false, VERSION, params));
        out.add(new Metric("vc_similarity_to_reference", toReference / pairs.size(), "cosine", true, VERSION, params));
        out.add(new Metric("vc_reference_closer_fraction", closer / (double) pairs.size(), "fraction", true, VERSION,
                params));
        if (transcribed > 0) {
            Metric w = errors.wer();
            out.add(new Metric("vc_wer", w.value(), w.unit(), false, w.version(), w.parameters()));
        }
        prov.put("pairs", "" + pairs.size());
        prov.put("speaker_encoder", sim.description());
        prov.put("pairing", "utterances sorted by id; each paired with the next one of another speaker");
        return new BenchmarkReport(id.name(), subject.id().toString(), out, prov);
    }

    /** RVQ-1..s of {@code a} with the remaining layers of {@code b}, decoded. */
    static AudioBuffer convert(Tokenizer t, AudioBuffer a, AudioBuffer b, int semantic) {
        TokenMatrix src = t.encode(a).item(0);
        TokenMatrix ref = t.encode(b).item(0);
        int n = src.layers();
        TokenMatrix upper = fit(ref.layers(semantic, n), src.frames());
        return t.decode(src.layers(0, semantic).concatLayers(upper));
    }

    /** Truncates or cyclically repeats a single-item matrix to {@code frames} frames. */
    static TokenMatrix fit(TokenMatrix m, int frames) {
        int[][] codes = m.itemCodes(0);
        int have = codes[0].length;
        int[][] out = new int[codes.length][frames];
        for (int l = 0; l < codes.length; l++) {
            for (int f = 0; f < frames; f++) {
                out[l][f] = have == 0 ? 0 : codes[l][f % have];
            }
        }
        return TokenMatrix.single(out, m.firstLayer(), m.codebookSize(), m.frameRate(), m.producer());
    }
}
