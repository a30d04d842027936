package io.voxtok.plugin.slmtokbench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.voxtok.api.ComponentId;
import io.voxtok.api.audio.AudioBuffer;
import io.voxtok.api.audio.Utterance;
import io.voxtok.api.bench.BenchmarkReport;
import io.voxtok.api.bench.Metric;
import io.voxtok.api.bench.ProgressListener;
import io.voxtok.api.token.LayerRange;
import io.voxtok.api.token.TokenMatrix;
import io.voxtok.api.token.TokenProducer;
import io.voxtok.api.token.Tokenizer;
import io.voxtok.api.token.TokenizerSpec;
import io.voxtok.data.PhoneAlignment;
import io.voxtok.metrics.bench.BenchmarkResources;
import io.voxtok.plugin.slmtokbench.statistics.TokenStatisticsBenchmark;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TokenStatisticsBenchmarkTest {
    /** 4 frames per utterance at 10 frames/s; layer 1 = codes 0,0,1,1; layer 2 = 0,1,2,3 (of K = 4). */
    private static final class FixedTokenizer implements Tokenizer {
        @Override
        public ComponentId id() {
            return ComponentId.of("fixed");
        }

        @Override
        public TokenizerSpec spec() {
            return new TokenizerSpec(40, 1, 4, 2, 4, 1, true, false);
        }

        @Override
        public TokenProducer producer() {
            return new TokenProducer("fixed", "default", "0");
        }

        @Override
        public TokenMatrix encode(AudioBuffer audio, LayerRange layers) {
            return TokenMatrix.single(new int[][] {{0, 0, 1, 1}, {0, 1, 2, 3}}, 0, 4, 10.0, producer())
                    .layers(layers.start(), layers.end());
        }

        @Override
        public List<AudioBuffer> decodeBatch(TokenMatrix tokens) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void close() {
        }
    }

    private static double metric(BenchmarkReport r, String name, String layer) {
        return r.metrics().stream().filter(m -> m.name().equals(name)
                && (layer == null || layer.equals(m.parameters().get("layer")))).findFirst().map(Metric::value)
                .orElseThrow(() -> new AssertionError(name + " layer " + layer + " missing: " + r.metrics()));
    }

    @Test
    void usagePerplexityBitrateAndPnmiMatchHandComputedValues() {
        // phones: "a" for 0..0.2 s, "b" for 0.2..0.4 s -> frames 0,1 are a; 2,3 are b: layer 1 codes predict phones.
        PhoneAlignment a = PhoneAlignment.fromEndTimes(List.of("a", "b"), new double[] {0.2, 0.4});
        List<Utterance> corpus = List.of(
                new Utterance("u1", AudioBuffer.ofMono(new float[16], 40), Optional.empty(), Optional.of("s1")),
                new Utterance("u2", AudioBuffer.ofMono(new float[16], 40), Optional.empty(), Optional.of("s2")));
        BenchmarkResources res = new BenchmarkResources(Map.of("u1", a, "u2", a), Optional.empty(),
                Optional.empty(), 0, "small", Optional.empty(), Optional.empty());
        BenchmarkReport r = new TokenStatisticsBenchmark(ComponentId.of("token-statistics"), res)
                .run(new FixedTokenizer(), corpus, ProgressListener.none());
        // 10 frames/s x 2 layers; bits = 10 x 2 x log2(4) = 40
        assertEquals(20, metric(r, "token_rate", null), 1e-12);
        assertEquals(40, metric(r, "bitrate", null), 1e-12);
        // layer 1 uses 2 of 4 codes equally: perplexity 2; layer 2 uses all 4 equally: perplexity 4
        assertEquals(0.5, metric(r, "codebook_utilisation", "1"), 1e-12);
        assertEquals(2, metric(r, "codebook_perplexity", "1"), 1e-9);
        assertEquals(1.0, metric(r, "codebook_utilisation", "2"), 1e-12);
        assertEquals(4, metric(r, "codebook_perplexity", "2"), 1e-9);
        // layer 1's code is the phone: PNMI 1, purity 1; layer 2 splits each phone in two codes: PNMI 1 as well
        // (phones are still a function of codes) but code purity 0.5.
        assertEquals(1, metric(r, "pnmi", "1"), 1e-9);
        assertEquals(1, metric(r, "phone_purity", "1"), 1e-12);
        assertEquals(1, metric(r, "pnmi", "2"), 1e-9);
        assertEquals(0.5, metric(r, "code_purity", "2"), 1e-12);
    }
}
