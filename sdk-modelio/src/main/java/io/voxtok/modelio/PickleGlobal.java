package io.voxtok.modelio;

/**
 * A reference to a Python global ({@code module.name}) as pushed by the GLOBAL / STACK_GLOBAL opcodes. It is only a
 * name: nothing is imported or loaded for it.
 */
record PickleGlobal(String module, String name) {
    /** {@code module.name}, the way Python prints it. */
    String qualifiedName() {
        return module + "." + name;
    }

    boolean is(String qualified) {
        return qualifiedName().equals(qualified);
    }

    @Override
    public String toString() {
        return qualifiedName();
    }
}
