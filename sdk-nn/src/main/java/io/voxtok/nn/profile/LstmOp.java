package io.voxtok.nn.profile;

/**
 * One native LSTM layer call ({@code torch::lstm} with one layer, as {@link io.voxtok.nn.recurrent.Lstm} runs
 * each layer), over {@code steps} time steps of {@code batch} items.
 *
 * @param steps         time steps
 * @param batch         items
 * @param inputSize     input features
 * @param hiddenSize    hidden size per direction
 * @param bidirectional whether the call runs a backward direction too
 */
public record LstmOp(int steps, int batch, int inputSize, int hiddenSize, boolean bidirectional)
        implements ComputeOp {
    /** Validates the shape. */
    public LstmOp {
        if (steps < 1 || batch < 1 || inputSize < 1 || hiddenSize < 1) {
            throw new IllegalArgumentException("invalid LSTM shape");
        }
    }

    /** Directions: 1 or 2. */
    public int directions() {
        return bidirectional ? 2 : 1;
    }

    /** {@code directions * 2 * steps * batch * 4H * (in + H)}: both gate products of every step. */
    @Override
    public double flops() {
        return directions() * 2.0 * steps * batch * 4.0 * hiddenSize * (inputSize + hiddenSize);
    }

    /**
     * The input projection of one direction as a single matrix product, {@code (steps * batch, in) x (in, 4H)}:
     * the part of the layer that batches over time.
     */
    public MatmulOp inputProjection() {
        return new MatmulOp(steps * batch, inputSize, 4 * hiddenSize);
    }

    /** One recurrent step of one direction, {@code (batch, H) x (H, 4H)}: the part that cannot batch over time. */
    public MatmulOp recurrentStep() {
        return new MatmulOp(batch, hiddenSize, 4 * hiddenSize);
    }

    @Override
    public String kind() {
        return "lstm";
    }

    @Override
    public String describe() {
        return (bidirectional ? "bi-lstm" : "lstm") + " layer T" + steps + " B" + batch + " " + inputSize + "->"
                + hiddenSize;
    }
}
