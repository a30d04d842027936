package io.voxtok.data.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.voxtok.api.ErrorKind;
import io.voxtok.api.VoxtokException;
import io.voxtok.api.audio.AudioBuffer;
import io.voxtok.audio.WavWriter;
import io.voxtok.data.CorpusEntry;
import io.voxtok.data.CorpusStats;
import io.voxtok.data.ManifestDataset;
import io.voxtok.data.PhoneAlignment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Build, interruption and resume of the corpus builder with a stand-in synthesizer (no flite needed). */
class CorpusSynthesizerResumeTest {
    @TempDir
    Path dir;

    /** Writes a 0.3 s tone per call; fails once when the call count reaches {@code failAt}. */
    static final class ToneSynthesizer implements SpeechSynthesizer {
        final AtomicInteger calls = new AtomicInteger();
        volatile int failAt;

        ToneSynthesizer(int failAt) {
            this.failAt = failAt;
        }

        @Override
        public String description() {
            return "tone";
        }

        @Override
        public int sampleRate() {
            return 16000;
        }

        @Override
        public void checkAvailable(Collection<VoiceSpec> voices) {
        }

        @Override
        public SynthesizedSpeech synthesize(String text, VoiceSpec voice, Path wav) {
            if (calls.incrementAndGet() == failAt) {
                throw new VoxtokException(ErrorKind.ENVIRONMENT, "synthesizer crashed");
            }
            float[] x = new float[4800];
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) (0.1 * Math.sin(i * 0.1));
            }
            WavWriter.write(wav, AudioBuffer.ofMono(x, 16000));
            return new SynthesizedSpeech(wav, PhoneAlignment.fromEndTimes(List.of("pau", "a", "pau"),
                    new double[] {0.1, 0.2, 0.3}));
        }
    }

    @Test
    void resumesAfterAFailureWithoutRedoingFinishedUtterances() throws Exception {
        CorpusSynthesisOptions o = new CorpusSynthesisOptions(dir.resolve("c"), 0.02, 8, false, 2, 7);
        int total = CorpusSynthesizer.plan(o).size();
        ToneSynthesizer first = new ToneSynthesizer(10);
        assertThrows(VoxtokException.class, () -> new CorpusSynthesizer(first).build(o, (d, t) -> { }));
        assertFalse(Files.exists(dir.resolve("c/manifest.jsonl")));
        long doneBefore;
        try (Stream<CorpusEntry> s = new ManifestDataset(dir.resolve("c/.progress.jsonl")).entries()) {
            doneBefore = s.count();
        }
        assertTrue(doneBefore >= 1 && doneBefore < total, "done before crash: " + doneBefore);

        ToneSynthesizer second = new ToneSynthesizer(-1);
        AtomicLong last = new AtomicLong();
        Path m = new CorpusSynthesizer(second).build(o, (d, t) -> {
            assertEquals(total, t);
            last.set(d);
        });
        assertEquals(total, last.get());
        assertEquals(total - doneBefore, second.calls.get());
        assertEquals(total, CorpusStats.of(new ManifestDataset(m)).totalUtterances());
        assertFalse(Files.exists(dir.resolve("c/.progress.jsonl")));
        try (Stream<Path> s = Files.walk(dir.resolve("c"))) {
            assertTrue(s.noneMatch(p -> p.toString().endsWith(".tmp") || p.toString().contains(".work")));
        }
        // Complete: a third run synthesizes nothing; other options in the same folder are refused.
        ToneSynthesizer third = new ToneSynthesizer(-1);
        new CorpusSynthesizer(third).build(o, (d, t) -> { });
        assertEquals(0, third.calls.get());
        CorpusSynthesisOptions other = new CorpusSynthesisOptions(dir.resolve("c"), 0.03, 8, false, 2, 7);
        assertThrows(VoxtokException.class, () -> new CorpusSynthesizer(third).build(other, (d, t) -> { }));
    }
}
