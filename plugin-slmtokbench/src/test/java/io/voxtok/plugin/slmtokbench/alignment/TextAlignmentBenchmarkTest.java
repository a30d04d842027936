package io.voxtok.plugin.slmtokbench.alignment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.voxtok.api.ComponentConfig;
import io.voxtok.api.ComponentId;
import io.voxtok.api.VoxtokException;
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
import io.voxtok.metrics.bench.BenchmarkResources;
import io.voxtok.metrics.bench.ProbeCorpus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The text-alignment benchmark end to end on a toy tokenizer whose first layer spells the transcript (one sample per
 * frame holds the character's id) and whose second layer is noise: it must report a positive MI, a low probe CER,
 * the learning curve per epoch and how the two layers were combined; it is not applicable without probe data or
 * for sample-rate tokens; the factory's options reach the preset.
 */
class TextAlignmentBenchmarkTest {
    private static final String LETTERS = "abcde";
    private static final ProbePreset TOY = new ProbePreset("toy", 1, 32, 16, InputCombination.SUM, 7, 8, 1.5e-2, 64);

    /** Frame f's layer-0 code is round(sample f x 16); layer 1 is a hash of the position (noise). */
    private record SpellingTokenizer(int rate) implements Tokenizer {
        @Override
        public ComponentId id() {
            return ComponentId.of("spelling");
        }

        @Override
        public TokenizerSpec spec() {
            return new TokenizerSpec(rate, 1, 1, 2, 8, 1, true, false);
        }

        @Override
        public TokenProducer producer() {
            return new TokenProducer("spelling", "default", "0");
        }

        @Override
        public TokenMatrix encode(AudioBuffer audio, LayerRange layers) {
            float[] x = audio.toArray();
            int[][] codes = new int[2][x.length];
            for (int f = 0; f < x.length; f++) {
                codes[0][f] = Math.round(x[f] * 16);
                codes[1][f] = (f * 7 + 3) % 8;
            }
            return TokenMatrix.single(codes, 0, 8, rate, producer()).layers(layers.start(), layers.end());
        }

        @Override
        public List<AudioBuffer> decodeBatch(TokenMatrix tokens) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void close() {
        }
    }

    private static List<Utterance> utterances(int n, SplittableRandom rnd, String prefix) {
        List<Utterance> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            StringBuilder text = new StringBuilder();
            int words = 1 + rnd.nextInt(3);
            for (int w = 0; w < words; w++) {
                text.append(w > 0 ? " " : "");
                for (int c = 2 + rnd.nextInt(3); c > 0; c--) {
                    text.append(LETTERS.charAt(rnd.nextInt(LETTERS.length())));
                }
            }
            List<Float> samples = new ArrayList<>();
            for (char c : text.toString().toCharArray()) {
                int id = c == ' ' ? 1 : 2 + LETTERS.indexOf(c);
                for (int r = 0; r < 2; r++) {
                    samples.add(id / 16f);
                }
                samples.add(0f);
            }
            float[] x = new float[samples.size()];
            for (int j = 0; j < x.length; j++) {
                x[j] = samples.get(j);
            }
            out.add(new Utterance(prefix + i, AudioBuffer.ofMono(x, 40), Optional.of(text.toString()),
                    Optional.of("s" + (i % 2))));
        }
        return out;
    }

    private static BenchmarkResources resources(Optional<ProbeCorpus> probe) {
        return new BenchmarkResources(Map.of(), Optional.empty(), Optional.empty(), 3, "small", probe,
                Optional.empty());
    }

    private static ProbeCorpus probe(List<Utterance> train, List<Utterance> dev) {
        return new ProbeCorpus() {
            @Override
            public List<Utterance> train(int sampleRate, int channels) {
                return train;
            }

            @Override
            public List<Utterance> dev(int sampleRate, int channels) {
                return dev;
            }

            @Override
            public String description() {
                return "toy";
            }
        };
    }

    private static double value(BenchmarkReport r, String name) {
        return r.metrics().stream().filter(m -> m.name().equals(name)).findFirst().map(Metric::value)
                .orElseThrow(() -> new AssertionError(name + " missing: " + r.metrics()));
    }

    @Test
    void reportsMutualInformationProbeWerAndTheLearningCurve() {
        SplittableRandom rnd = new SplittableRandom(7);
        List<Utterance> train = utterances(40, rnd, "tr");
        List<Utterance> dev = utterances(8, rnd, "dv");
        List<Utterance> test = utterances(12, rnd, "te");
        TextAlignmentBenchmark b = new TextAlignmentBenchmark(ComponentId.of("text-alignment"),
                resources(Optional.of(probe(train, dev))), TOY);
        BenchmarkReport r = b.run(new SpellingTokenizer(40), test, ProgressListener.none());
        assertTrue(value(r, TextAlignmentBenchmark.MI) > 5, r.metrics().toString());
        assertEquals(value(r, TextAlignmentBenchmark.MI) / Math.log(2), value(r, TextAlignmentBenchmark.MI_BITS),
                1e-9);
        assertTrue(value(r, TextAlignmentBenchmark.PROBE_CER) < 0.2, r.metrics().toString());
        long devPoints = r.metrics().stream().filter(m -> m.name().equals(TextAlignmentBenchmark.DEV_LOSS)
                && m.parameters().containsKey("epoch")).count();
        assertEquals(TOY.epochs(), devPoints, "one dev-loss point per epoch");
        assertEquals("sum of one embedding per layer (2 layers)", r.provenance().get("input_combination"));
        assertTrue(r.metrics().get(0).parameters().get("input_combination").startsWith("sum"));
        assertEquals("40/8/12", r.metrics().get(0).parameters().get("train_dev_test"));
    }

    @Test
    void notApplicableWithoutProbeDataOrForSampleRateTokens() {
        List<Utterance> test = utterances(3, new SplittableRandom(1), "te");
        BenchmarkReport none = new TextAlignmentBenchmark(ComponentId.of("text-alignment"),
                resources(Optional.empty()), TOY).run(new SpellingTokenizer(40), test, ProgressListener.none());
        assertTrue(none.metrics().isEmpty());
        assertTrue(none.provenance().get("not_applicable").contains("training/dev"), none.provenance().toString());
        BenchmarkReport fast = new TextAlignmentBenchmark(ComponentId.of("text-alignment"),
                resources(Optional.of(probe(test, test))), TOY)
                .run(new SpellingTokenizer(16000), test, ProgressListener.none());
        assertTrue(fast.provenance().get("not_applicable").contains("16000 token frames per second"),
                fast.provenance().toString());
    }

    @Test
    void factoryOptionsSetEpochsAndCombination() {
        ProbePreset p = TextAlignmentBenchmarkFactory.preset("small", ComponentConfig.empty()
                .with("epochs", "3").with("combination", "concat"));
        assertEquals(3, p.epochs());
        assertEquals(InputCombination.CONCAT, p.combination());
        assertEquals(1024, TextAlignmentBenchmarkFactory.preset("paper", ComponentConfig.empty()).hiddenSize());
        assertThrows(VoxtokException.class, () -> TextAlignmentBenchmarkFactory.preset("small",
                ComponentConfig.empty().with("epochs", "many")));
        assertThrows(VoxtokException.class, () -> TextAlignmentBenchmarkFactory.preset("small",
                ComponentConfig.empty().with("combination", "product")));
    }
}
