package io.voxtok.data.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.voxtok.api.VoxtokException;
import io.voxtok.data.PhoneAlignment;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Dispatch of voices to their engine (stand-in engines; no synthesizer needed). */
class MultiEngineSynthesizerTest {
    /** Records what it was asked to do. */
    static final class Recording implements SpeechSynthesizer {
        final String name;
        final List<String> checked = new ArrayList<>();
        final List<String> spoken = new ArrayList<>();

        Recording(String name) {
            this.name = name;
        }

        @Override
        public String description() {
            return name;
        }

        @Override
        public int sampleRate() {
            return 16000;
        }

        @Override
        public void checkAvailable(Collection<VoiceSpec> voices) {
            voices.forEach(v -> checked.add(v.speakerId()));
        }

        @Override
        public SynthesizedSpeech synthesize(String text, VoiceSpec voice, Path wav) {
            spoken.add(voice.speakerId());
            return new SynthesizedSpeech(wav, PhoneAlignment.fromEndTimes(List.of("pau"), new double[] {0.1}));
        }
    }

    @Test
    void sendsEachVoiceToItsEngine() {
        Recording fl = new Recording("fl");
        Recording fe = new Recording("fe");
        MultiEngineSynthesizer m = new MultiEngineSynthesizer(Map.of("flite", fl, "festival", fe));
        SpeakerPlan plan = new SpeakerPlan(12);
        m.checkAvailable(plan.speakers());
        assertEquals(plan.speakers().stream().filter(v -> v.engine().equals("flite")).map(VoiceSpec::speakerId).toList(),
                fl.checked);
        assertEquals(plan.speakers().stream().filter(v -> v.engine().equals("festival")).map(VoiceSpec::speakerId).toList(),
                fe.checked);
        for (VoiceSpec v : plan.speakers()) {
            m.synthesize("Hi.", v, Path.of("x.wav"));
        }
        assertEquals(fl.checked, fl.spoken);
        assertEquals(fe.checked, fe.spoken);
        VoiceSpec odd = new VoiceSpec("odd_v0", "espeak", "en", "none", 0, 1, 0);
        assertThrows(VoxtokException.class, () -> m.synthesize("Hi.", odd, Path.of("x.wav")));
    }
}
