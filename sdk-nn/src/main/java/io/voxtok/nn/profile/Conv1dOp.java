package io.voxtok.nn.profile;

/**
 * A {@code conv1d} call with padding 0 (SEANet pads explicitly before): input {@code (batch, inChannels,
 * inputLength())}, weight {@code (outChannels, inChannels, kernel)}, output {@code (batch, outChannels,
 * outLength)}.
 *
 * @param batch       items
 * @param inChannels  input channels
 * @param outChannels output channels
 * @param kernel      kernel size
 * @param stride      stride
 * @param dilation    dilation
 * @param outLength   output samples per item
 */
public record Conv1dOp(int batch, int inChannels, int outChannels, int kernel, int stride, int dilation,
                       int outLength) implements ComputeOp {
    /** Validates the shape. */
    public Conv1dOp {
        if (batch < 1 || inChannels < 1 || outChannels < 1 || kernel < 1 || stride < 1 || dilation < 1
                || outLength < 1) {
            throw new IllegalArgumentException("invalid conv1d shape");
        }
    }

    /** Input samples per item the call reads: {@code (outLength - 1) * stride + (kernel - 1) * dilation + 1}. */
    public int inputLength() {
        return (outLength - 1) * stride + (kernel - 1) * dilation + 1;
    }

    /** {@code 2 * B * C_in * C_out * k * L_out}. */
    @Override
    public double flops() {
        return 2.0 * batch * inChannels * outChannels * kernel * (double) outLength;
    }

    @Override
    public String kind() {
        return "conv1d";
    }

    @Override
    public String describe() {
        return "conv1d B" + batch + " " + inChannels + "->" + outChannels + " k" + kernel + " s" + stride
                + (dilation > 1 ? " d" + dilation : "") + ", " + outLength + " outputs";
    }
}
