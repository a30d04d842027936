package io.voxtok.api;

import io.voxtok.api.backend.BackendKind;
import java.util.Set;

/**
 * Creates components of one kind. Factories are cheap, stateless and thread-safe: the runtime reads them
 * once from a plugin and caches them; heavy work (reading weights) happens only in {@link #create}.
 *
 * @param <C> the component type
 */
public interface ComponentFactory<C extends Component> {
    /** The id of the components this factory creates. */
    ComponentId id();

    /** One line for {@code voxtok plugins}. */
    String description();

    /** Backends this factory can run on; the runtime refuses others before calling {@link #create}. */
    Set<BackendKind> supportedBackends();

    /**
     * Creates a component.
     *
     * @param config  user configuration (model directory, properties); unknown keys must be refused
     * @param context host services: resolved backend and device, other components
     * @return a new component, owned by the caller
     * @throws VoxtokException on bad configuration or unreadable weights, with {@link ErrorKind#USER_INPUT}
     *                         or {@link ErrorKind#ENVIRONMENT}
     */
    C create(ComponentConfig config, ComponentContext context);
}
