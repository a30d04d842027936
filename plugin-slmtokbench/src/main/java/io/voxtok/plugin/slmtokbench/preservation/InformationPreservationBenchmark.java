package io.voxtok.plugin.slmtokbench.preservation;

import io.voxtok.api.ComponentId;
import io.voxtok.api.VoxtokException;
import io.voxtok.api.audio.AudioBuffer;
import io.voxtok.api.audio.Utterance;
import io.voxtok.api.bench.Benchmark;
import io.voxtok.api.bench.BenchmarkReport;
import io.voxtok.api.bench.Metric;
import io.voxtok.api.bench.ProgressListener;
import io.voxtok.api.text.Transcriber;
import io.voxtok.api.token.Tokenizer;
import io.voxtok.metrics.ErrorRate;
import io.voxtok.metrics.LogMelDistance;
import io.voxtok.metrics.bench.BenchmarkResources;
import io.voxtok.plugin.slmtokbench.common.BenchmarkAudio;
import io.voxtok.plugin.slmtokbench.common.CorpusSize;
import io.voxtok.plugin.slmtokbench.common.SpeakerSimilarity;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * SLMTokBench information preservation (SPEC 7.3): every utterance is resynthesised as
 * {@code decode(encode(x))} and compared with the original:
 * <ul>
 *   <li>content: {@code wer_resynth} and {@code cer_resynth} of the host's recogniser on the resynthesis against
 *   the transcript, and {@code wer_original}/{@code cer_original} on the originals (the recogniser's own floor,
 *   the paper's "ground truth" row);</li>
 *   <li>timbre: {@code speaker_similarity}, the mean cosine of speaker embeddings of original and resynthesis,
 *   with the host's speaker encoder (the SPI's {@link io.voxtok.api.speaker.SpeakerEncoder}; left out when the host
 *   has none);</li>
 *   <li>signal: {@code log_mel_distance} (mean over utterances).</li>
 * </ul>
 * Without a recogniser or transcripts the WER metrics are left out. A subject that cannot decode (k-means units
 * without a vocoder) fails with a clear error; the host reports the benchmark as not applicable.
 */
public final class InformationPreservationBenchmark implements Benchmark {
    /** Definition version of this benchmark's metric set. */
    public static final String VERSION = "1";
    private static final int RATE = 16_000;
    private final ComponentId id;
    private final BenchmarkResources resources;

    /** A benchmark using the recogniser and speaker encoder of {@code resources}. */
    public InformationPreservationBenchmark(ComponentId id, BenchmarkResources resources) {
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
        ErrorRate resynth = new ErrorRate();
        ErrorRate original = new ErrorRate();
        double simSum = 0;
        double melSum = 0;
        long total = CorpusSize.of(corpus);
        long done = 0;
        int transcribed = 0;
        Transcriber asr = resources.transcriber().orElse(null);
        SpeakerSimilarity sim = resources.speakerEncoder().map(SpeakerSimilarity::new).orElse(null);
        for (Utterance u : corpus) {
            AudioBuffer y = subject.decode(subject.encode(u.audio()));
            AudioBuffer[] pair = BenchmarkAudio.sameLength(BenchmarkAudio.monoAt(u.audio(), RATE),
                    BenchmarkAudio.monoAt(y, RATE));
            melSum += LogMelDistance.standard().compute(pair[0], pair[1]).value();
            if (sim != null) {
                simSum += sim.cosine(sim.embed(pair[0]), sim.embed(pair[1]));
            }
            if (asr != null && u.transcript().isPresent()) {
                String ref = u.transcript().get();
                resynth.add(ref, asr.transcribe(pair[1]));
                original.add(ref, asr.transcribe(pair[0]));
                transcribed++;
            }
            progress.onProgress(++done, total);
        }
        if (done == 0) {
            throw VoxtokException.userInput(id + ": the corpus is empty");
        }
        List<Metric> out = new ArrayList<>();
        if (transcribed > 0) {
            out.add(renamed(resynth.wer(), "wer_resynth"));
            out.add(renamed(resynth.cer(), "cer_resynth"));
            out.add(renamed(original.wer(), "wer_original"));
            out.add(renamed(original.cer(), "cer_original"));
        }
        if (sim != null) {
            out.add(new Metric("speaker_similarity", simSum / done, "cosine", true, VERSION, Map.of("speaker_encoder",
                    sim.description(), "aggregate", "mean over " + done + " utterances")));
        }
        out.add(new Metric(LogMelDistance.NAME, melSum / done, "dB", false, LogMelDistance.VERSION,
                Map.of("aggregate", "mean over " + done + " utterances", "sample_rate", "" + RATE)));
        Map<String, String> prov = new LinkedHashMap<>();
        prov.put("utterances", "" + done);
        prov.put("transcribed_utterances", "" + transcribed);
        prov.put("transcriber", asr == null ? "none" : asr instanceof io.voxtok.metrics.VoskTranscriber v ? v.description() : asr.getClass().getName());
        prov.put("speaker_encoder", sim == null ? "none" : sim.description());
        prov.put("benchmark_version", VERSION);
        return new BenchmarkReport(id.name(), subject.id().toString(), out, prov);
    }

    private static Metric renamed(Metric m, String name) {
        return new Metric(name, m.value(), m.unit(), m.higherIsBetter(), m.version(), m.parameters());
    }
}
