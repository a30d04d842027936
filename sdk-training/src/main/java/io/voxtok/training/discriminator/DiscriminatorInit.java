package io.voxtok.training.discriminator;

import io.voxtok.modelio.StateDict;

/**
 * Where a new discriminator's initial weights come from. Applied once by the families' {@code create} methods,
 * after the modules (all tensors zero) are built.
 */
@FunctionalInterface
public interface DiscriminatorInit {
    /** Fills every parameter and buffer of {@code family}. */
    void initialize(DiscriminatorFamily family);

    /**
     * PyTorch's default initialisation of a new training run (conv defaults, then {@code weight_norm} /
     * {@code spectral_norm} wrapping), drawn from per-tensor streams of {@code seed}.
     */
    static DiscriminatorInit pytorchDefault(long seed) {
        return family -> PytorchDefaultInit.apply(family, seed);
    }

    /** The training parity fixture's closed-form rule ({@link ClosedFormWeights}) with this seed (fixture: 3201). */
    static DiscriminatorInit closedForm(long seed) {
        return family -> ClosedFormWeights.apply(family, seed);
    }

    /**
     * The tensors of a state dict with official keys ({@code discriminators.0.convs.0.weight_v}, ...); for a
     * checkpoint that holds several families use {@link StateDict#subDict(String)} first.
     *
     * @see DiscriminatorFamily#loadStateDict(StateDict)
     */
    static DiscriminatorInit fromStateDict(StateDict stateDict) {
        return family -> family.loadStateDict(stateDict);
    }
}
