package io.voxtok.runtime.registry;

import io.voxtok.api.ComponentFactory;

/**
 * A factory as registered by the runtime: its kind, the plugin it came from, and the factory (wrapped so calls
 * run with the plugin's context class loader).
 *
 * @param kind     what it creates
 * @param pluginId the contributing plugin
 * @param factory  the wrapped factory
 */
public record RegisteredFactory(FactoryKind kind, String pluginId, ComponentFactory<?> factory) {
}
