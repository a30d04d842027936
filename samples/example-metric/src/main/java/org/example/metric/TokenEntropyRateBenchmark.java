package org.example.metric;

import io.voxtok.api.ComponentId;
import io.voxtok.api.VoxtokException;
import io.voxtok.api.audio.Utterance;
import io.voxtok.api.bench.Benchmark;
import io.voxtok.api.bench.BenchmarkReport;
import io.voxtok.api.bench.Metric;
import io.voxtok.api.bench.ProgressListener;
import io.voxtok.api.token.LayerRange;
import io.voxtok.api.token.Tokenizer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How predictable a tokenizer's first-layer token stream is, a number a language-model builder cares about:
 * <ul>
 *   <li>{@code entropy_rate}: the bigram conditional entropy {@code H(z_t | z_{t-1})} in bits per token, from the
 *   counts of consecutive token pairs over the corpus (0 = fully predictable from the previous token);</li>
 *   <li>{@code mean_run_length}: mean length of runs of one repeated token (frames).</li>
 * </ul>
 * Written against {@code sdk-api} alone, as a third party would.
 */
public final class TokenEntropyRateBenchmark implements Benchmark {
    /** Definition version. */
    public static final String VERSION = "1";

    @Override
    public ComponentId id() {
        return TokenEntropyRateBenchmarkFactory.ID;
    }

    @Override
    public BenchmarkReport run(Tokenizer subject, Iterable<Utterance> corpus, ProgressListener progress) {
        Map<Long, Long> pairs = new HashMap<>();
        Map<Integer, Long> previous = new HashMap<>();
        long transitions = 0;
        long runs = 0;
        long tokens = 0;
        long done = 0;
        for (Utterance u : corpus) {
            int[] z = subject.encode(u.audio(), LayerRange.first(1)).itemCodes(0)[0];
            for (int t = 0; t < z.length; t++) {
                tokens++;
                if (t == 0 || z[t] != z[t - 1]) {
                    runs++;
                }
                if (t > 0) {
                    pairs.merge(((long) z[t - 1] << 32) | z[t], 1L, Long::sum);
                    previous.merge(z[t - 1], 1L, Long::sum);
                    transitions++;
                }
            }
            progress.onProgress(++done, -1);
        }
        if (transitions == 0) {
            throw VoxtokException.userInput("token-entropy-rate: no utterance has two or more tokens");
        }
        double h = entropyRate(pairs, previous, transitions);
        Map<String, String> p = Map.of("layer", "1", "transitions", "" + transitions);
        return new BenchmarkReport(id().name(), subject.id().toString(), List.of(
                new Metric("entropy_rate", h, "bits/token", false, VERSION, p),
                new Metric("mean_run_length", tokens / (double) runs, "frames", false, VERSION, p)),
                Map.of("utterances", "" + done));
    }

    /** {@code H(next | previous) = -sum p(a, b) log2 p(b | a)}. */
    static double entropyRate(Map<Long, Long> pairs, Map<Integer, Long> previous, long transitions) {
        double h = 0;
        for (Map.Entry<Long, Long> e : pairs.entrySet()) {
            int a = (int) (e.getKey() >>> 32);
            double pab = e.getValue() / (double) transitions;
            double pbGivenA = e.getValue() / (double) previous.get(a);
            h -= pab * Math.log(pbGivenA) / Math.log(2);
        }
        return h;
    }

    @Override
    public void close() {
        // holds nothing
    }
}
