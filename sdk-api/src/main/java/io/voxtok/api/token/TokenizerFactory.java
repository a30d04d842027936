package io.voxtok.api.token;

import io.voxtok.api.ComponentFactory;

/**
 * Creates {@link Tokenizer}s. {@link #create} may read weights from {@code config.model()}; factories of
 * weightless tokenizers ignore it.
 */
public interface TokenizerFactory extends ComponentFactory<Tokenizer> {
    /**
     * The spec of the default configuration, shown by {@code voxtok plugins}; a created tokenizer's spec may
     * differ when its weights say so (e.g. a checkpoint with 4 layers).
     */
    TokenizerSpec defaultSpec();

    /** True when {@link #create} needs {@code --model}. */
    boolean requiresModel();
}
