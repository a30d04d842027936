package io.voxtok.data.synth;

import io.voxtok.api.VoxtokException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Several engines behind one {@link SpeechSynthesizer}: each {@link VoiceSpec} goes to the engine named by
 * {@link VoiceSpec#engine()}. All engines must write the same sample rate.
 */
public final class MultiEngineSynthesizer implements SpeechSynthesizer {
    private final Map<String, SpeechSynthesizer> engines;
    private final int sampleRate;

    /** flite and festival, the engines of {@link SpeakerPlan}. */
    public MultiEngineSynthesizer() {
        this(Map.of(FliteSynthesizer.ENGINE, new FliteSynthesizer(), FestivalSynthesizer.ENGINE, new FestivalSynthesizer()));
    }

    /** The given engines by name (at least one; equal sample rates). */
    public MultiEngineSynthesizer(Map<String, SpeechSynthesizer> engines) {
        if (engines.isEmpty()) {
            throw new IllegalArgumentException("no engines");
        }
        this.engines = new LinkedHashMap<>(engines);
        this.sampleRate = engines.values().iterator().next().sampleRate();
        for (SpeechSynthesizer s : engines.values()) {
            if (s.sampleRate() != sampleRate) {
                throw new IllegalArgumentException("engines write different sample rates: " + engines.keySet());
            }
        }
    }

    @Override
    public String description() {
        return engines.values().stream().map(SpeechSynthesizer::description).collect(Collectors.joining("; "));
    }

    @Override
    public int sampleRate() {
        return sampleRate;
    }

    @Override
    public void checkAvailable(Collection<VoiceSpec> voices) {
        for (String e : voices.stream().map(VoiceSpec::engine).distinct().sorted().toList()) {
            List<VoiceSpec> mine = voices.stream().filter(v -> v.engine().equals(e)).toList();
            engine(e).checkAvailable(mine);
        }
    }

    @Override
    public SynthesizedSpeech synthesize(String text, VoiceSpec voice, Path wav) {
        return engine(voice.engine()).synthesize(text, voice, wav);
    }

    private SpeechSynthesizer engine(String name) {
        SpeechSynthesizer s = engines.get(name);
        if (s == null) {
            throw VoxtokException.userInput("no synthesizer engine '" + name + "'; available: " + engines.keySet());
        }
        return s;
    }
}
