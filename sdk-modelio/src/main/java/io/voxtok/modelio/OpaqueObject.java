package io.voxtok.modelio;

/**
 * Placeholder for an object a pickle would build by calling a global that is neither needed for tensors nor
 * dangerous (for example {@code argparse.Namespace} in a fairseq checkpoint, or numpy arrays in an optimizer state).
 * It is never instantiated; its arguments and state are dropped and it contributes no tensors.
 */
final class OpaqueObject {
    private final PickleGlobal type;

    OpaqueObject(PickleGlobal type) {
        this.type = type;
    }

    /** The global whose call this object stands for. */
    PickleGlobal type() {
        return type;
    }

    @Override
    public String toString() {
        return "<" + type.qualifiedName() + " object>";
    }
}
