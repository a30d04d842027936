package io.voxtok.api.speaker;

import io.voxtok.api.ComponentFactory;

/** Creates {@link SpeakerEncoder}s. */
public interface SpeakerEncoderFactory extends ComponentFactory<SpeakerEncoder> {
}
