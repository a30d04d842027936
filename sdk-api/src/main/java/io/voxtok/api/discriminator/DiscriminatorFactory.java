package io.voxtok.api.discriminator;

import io.voxtok.api.ComponentFactory;

/** Creates {@link Discriminator}s. */
public interface DiscriminatorFactory extends ComponentFactory<Discriminator> {
}
