package io.voxtok.api.lm;

import io.voxtok.api.ComponentFactory;

/** Creates {@link LanguageModel}s. */
public interface LanguageModelFactory extends ComponentFactory<LanguageModel> {
}
