package io.voxtok.plugin.slmtokbench.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.voxtok.api.ComponentId;
import io.voxtok.api.audio.AudioBuffer;
import io.voxtok.api.speaker.SpeakerEncoder;
import io.voxtok.api.speaker.SpeakerEncoderSpec;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Similarity goes through the SPI speaker encoder: audio reaches it mono at its rate; scores are raw cosines. */
class SpeakerSimilarityTest {
    /** Embeds (mean, mean of squares) and records the length it was given. */
    private static final class MomentEncoder implements SpeakerEncoder {
        final AtomicInteger lastLength = new AtomicInteger();

        @Override
        public ComponentId id() {
            return ComponentId.of("moments");
        }

        @Override
        public SpeakerEncoderSpec spec() {
            return new SpeakerEncoderSpec(8000, 2, "moments sha256 0123");
        }

        @Override
        public float[] embed(float[] samples) {
            lastLength.set(samples.length);
            double m = 0;
            double q = 0;
            for (float v : samples) {
                m += v;
                q += v * v;
            }
            return new float[] {(float) (m / samples.length), (float) (q / samples.length)};
        }

        @Override
        public void close() {
        }
    }

    @Test
    void embedsAtTheEncodersRateAndScoresRawCosine() {
        MomentEncoder enc = new MomentEncoder();
        SpeakerSimilarity sim = new SpeakerSimilarity(enc);
        float[] x = new float[16000];
        java.util.Arrays.fill(x, 0.5f);
        float[] e = sim.embed(AudioBuffer.ofMono(x, 16000));
        assertEquals(8000, enc.lastLength.get(), "resampled 16 kHz -> 8 kHz");
        assertEquals(2, e.length);
        assertEquals(1.0, sim.cosine(e, e), 1e-12);
        assertEquals(0.0, sim.cosine(new float[] {1, 0}, new float[] {0, 1}), 1e-12);
        assertEquals(-1.0, sim.cosine(new float[] {1, 2}, new float[] {-1, -2}), 1e-12);
        assertTrue(sim.description().contains("moments sha256 0123"), sim.description());
    }
}
