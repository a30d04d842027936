package io.voxtok.nn.profile;

/**
 * A matrix product {@code (m, k) x (k, n)}: the RVQ distance product ({@code frames x dim} by {@code dim x bins})
 * or, for reference, the two products an LSTM layer is made of (input projection and one recurrent step).
 *
 * @param m rows of the left operand
 * @param k inner dimension
 * @param n columns of the right operand
 */
public record MatmulOp(int m, int k, int n) implements ComputeOp {
    /** Validates the shape. */
    public MatmulOp {
        if (m < 1 || k < 1 || n < 1) {
            throw new IllegalArgumentException("invalid matmul shape");
        }
    }

    /** {@code 2 * m * k * n}. */
    @Override
    public double flops() {
        return 2.0 * m * k * (double) n;
    }

    @Override
    public String kind() {
        return "matmul";
    }

    @Override
    public String describe() {
        return "matmul " + m + "x" + k + " * " + k + "x" + n;
    }
}
