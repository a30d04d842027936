package io.voxtok.nn.conv;

/** How {@link Padding1d} fills the samples it adds (PyTorch {@code F.pad} modes). */
public enum PaddingMode {
    /** Mirror without repeating the edge sample ({@code 'reflect'}); SEANet's default. */
    REFLECT,
    /** Zeros ({@code 'constant'} with value 0). */
    ZERO;

    /**
     * Parses a PyTorch mode name ({@code "reflect"}, {@code "constant"} or {@code "zero"}).
     *
     * @throws IllegalArgumentException for any other name
     */
    public static PaddingMode parse(String name) {
        return switch (name) {
            case "reflect" -> REFLECT;
            case "constant", "zero", "zeros" -> ZERO;
            default -> throw new IllegalArgumentException("unsupported pad_mode '" + name
                    + "' (supported: reflect, constant)");
        };
    }
}
