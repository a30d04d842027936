package io.voxtok.plugin.speakerencoder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.voxtok.api.ComponentConfig;
import io.voxtok.api.speaker.SpeakerEncoder;
import io.voxtok.data.Split;
import io.voxtok.metrics.speaker.CorpusSpeakerVerification;
import io.voxtok.testkit.TestComponentContext;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The model-free baseline through the SPI, scored on the bundled corpus' held-out dev voices. */
class LogMelStatsSpeakerEncoderTest {
    @Test
    void separatesTheBundledDevVoicesBetterThanChance() {
        try (SpeakerEncoder enc = new LogMelStatsSpeakerEncoderFactory().create(ComponentConfig.empty(),
                TestComponentContext.pureJava())) {
            assertEquals(80, enc.spec().dimension());
            var entries = CorpusSpeakerVerification.entries(Path.of("../corpus/bundled/manifest.jsonl"), Split.DEV);
            CorpusSpeakerVerification.Result r = CorpusSpeakerVerification.evaluate(enc, entries, n -> { });
            assertEquals(22, r.utterances());
            assertEquals(2, r.speakers());
            // 2 x 11 utterances: 2 x 55 target and 121 non-target pairs
            assertEquals(110, r.eer().targetTrials());
            assertEquals(121, r.eer().nonTargetTrials());
            assertTrue(r.eer().eer() < 0.45, "EER " + r.eer().eer());
        }
    }
}
