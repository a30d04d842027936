package io.voxtok.plugin.speakerencoder;

import io.voxtok.api.ComponentConfig;
import io.voxtok.api.ComponentContext;
import io.voxtok.api.ComponentId;
import io.voxtok.api.backend.BackendKind;
import io.voxtok.api.speaker.SpeakerEncoder;
import io.voxtok.api.speaker.SpeakerEncoderFactory;

import java.util.Set;

/** Creates {@link LogMelStatsSpeakerEncoder}s ({@code logmel-stats}): no model, no options. Stateless. */
public final class LogMelStatsSpeakerEncoderFactory implements SpeakerEncoderFactory {
    /** {@code logmel-stats:default}. */
    public static final ComponentId ID = ComponentId.of("logmel-stats");

    @Override
    public ComponentId id() {
        return ID;
    }

    @Override
    public String description() {
        return "model-free baseline: mean and standard deviation of 40 log-mel bands (80-d)";
    }

    @Override
    public Set<BackendKind> supportedBackends() {
        return Set.of(BackendKind.PURE_JAVA);
    }

    @Override
    public SpeakerEncoder create(ComponentConfig config, ComponentContext context) {
        config.requireKnownKeys(Set.of());
        return new LogMelStatsSpeakerEncoder(ID);
    }
}
