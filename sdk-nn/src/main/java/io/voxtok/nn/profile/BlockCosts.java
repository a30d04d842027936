package io.voxtok.nn.profile;

import io.voxtok.nn.Layer;
import io.voxtok.nn.Sequential;
import io.voxtok.nn.activation.Elu;
import io.voxtok.nn.activation.Snake;
import io.voxtok.nn.conv.ConvTranspose1d;
import io.voxtok.nn.conv.StreamableConv1d;
import io.voxtok.nn.conv.StreamableConvTranspose1d;
import io.voxtok.nn.norm.NormalizedConvTranspose1d;
import io.voxtok.nn.norm.TimeGroupNorm;
import io.voxtok.nn.quantization.ResidualVectorQuantizer;
import io.voxtok.nn.recurrent.Lstm;
import io.voxtok.nn.recurrent.SkipLstm;
import io.voxtok.nn.seanet.SeanetResnetBlock;
import io.voxtok.nn.streaming.StatefulLstm;
import io.voxtok.nn.streaming.StatefulSkipLstm;

import java.util.ArrayList;
import java.util.List;

/**
 * Counts the FLOPs of SEANet and RVQ blocks from their geometry and an input shape, without running them (SPEC 1,
 * 2.2, 4.2): a convolution costs {@code 2 * C_in * C_out * k} per output sample, a transposed convolution
 * {@code 2 * C_in * C_out * k} per input frame, an LSTM layer {@code 2 * 4H * (in + H)} per step and direction,
 * an RVQ layer {@code 2 * D * bins} per frame. Output shapes follow the layers' length rules ({@code ceil(L / s)}
 * for a strided convolution, {@code T * s} for a trimmed transposed one). Layers it does not know are reported
 * with zero FLOPs and their input shape, named by class. The primitives listed are the forms that run: a frozen
 * wide strided convolution as its polyphase stride-1 convolution, a frozen residual block's two 1x1 convolutions as
 * one.
 */
public final class BlockCosts {
    private BlockCosts() {
    }

    /**
     * The cost of every layer of {@code model}, in order, each named with its index.
     *
     * @param input shape of the model's input, {@code (B, C, L)}
     */
    public static List<BlockCost> of(Sequential model, long[] input) {
        List<BlockCost> out = new ArrayList<>();
        long[] shape = input.clone();
        List<Layer> layers = model.layers();
        for (int i = 0; i < layers.size(); i++) {
            BlockCost c = of(layers.get(i), shape);
            out.add(new BlockCost(i + " " + c.name(), c.inputShape(), c.outputShape(), c.flops(), c.ops()));
            shape = toArray(c.outputShape());
        }
        return out;
    }

    /**
     * The cost of one layer.
     *
     * @param input its input shape {@code (B, C, L)}
     */
    public static BlockCost of(Layer layer, long[] input) {
        check(input);
        int batch = Math.toIntExact(input[0]);
        int length = Math.toIntExact(input[2]);
        if (layer instanceof StreamableConv1d c) {
            Conv1dOp op = conv(c, batch, length);
            return cost(describe(c), input, shape(batch, c.outChannels(), op.outLength()), op.flops(), List.of(op));
        }
        if (layer instanceof SeanetResnetBlock r) {
            Conv1dOp first = conv(r.firstConv(), batch, length);
            String name = "resblock " + r.shortcut().outChannels() + " (k" + r.firstConv().kernelSize() + " "
                    + r.firstConv().inChannels() + "->" + r.firstConv().outChannels() + ", 1x1 back, 1x1 shortcut)";
            if (r.runsMerged()) {
                // what runs: the two 1x1 convolutions as one over the channels of [x; h], same multiply-adds
                Conv1dOp merged = new Conv1dOp(batch, r.shortcut().inChannels() + r.secondConv().inChannels(),
                        r.shortcut().outChannels(), 1, 1, 1, first.outLength());
                List<ComputeOp> ops = List.of(first, merged);
                return cost(name + " merged", input, input, sum(ops), ops);
            }
            Conv1dOp second = conv(r.secondConv(), batch, first.outLength());
            Conv1dOp shortcut = conv(r.shortcut(), batch, length);
            List<ComputeOp> ops = List.of(first, second, shortcut);
            return cost(name, input, input, sum(ops), ops);
        }
        if (layer instanceof StreamableConvTranspose1d t) {
            return transposed("convtr", t.inChannels(), t.outChannels(), t.kernelSize(), t.stride(), batch, length,
                    input);
        }
        if (layer instanceof NormalizedConvTranspose1d n) {
            ConvTranspose1d t = n.conv();
            return transposed("convtr+norm", t.inChannels(), t.outChannels(), t.kernelSize(), t.stride(), batch,
                    length, input);
        }
        if (layer instanceof SkipLstm s) {
            Lstm l = s.lstm();
            return lstm(l.bidirectional() ? "BiLSTM" : "LSTM", l.numLayers(), l.inputSize(), l.hiddenSize(),
                    l.bidirectional(), batch, length, input);
        }
        if (layer instanceof StatefulSkipLstm s) {
            StatefulLstm l = s.lstm();
            return lstm("LSTM", l.numLayers(), l.inputSize(), l.hiddenSize(), false, batch, length, input);
        }
        if (layer instanceof Elu) {
            return cost("ELU", input, input, 0, List.of());
        }
        if (layer instanceof Snake) {
            return cost("Snake", input, input, 0, List.of());
        }
        if (layer instanceof TimeGroupNorm) {
            return cost("group norm", input, input, 0, List.of());
        }
        if (layer instanceof Sequential seq) {
            List<BlockCost> parts = of(seq, input);
            List<ComputeOp> ops = new ArrayList<>();
            List<String> names = new ArrayList<>();
            double flops = 0;
            for (BlockCost p : parts) {
                ops.addAll(p.ops());
                flops += p.flops();
                names.add(p.name().substring(p.name().indexOf(' ') + 1));
            }
            long[] out = parts.isEmpty() ? input : toArray(parts.get(parts.size() - 1).outputShape());
            return cost(String.join(" + ", names), input, out, flops, ops);
        }
        return cost(layer.getClass().getSimpleName() + " (not counted)", input, input, 0, List.of());
    }

    /**
     * The cost of RVQ encoding {@code (B, D, T)} latents with {@code layers} codebooks: one distance product
     * {@code (B*T, D) x (D, bins)} per codebook (norms, argmax and residual updates are element-wise).
     */
    public static BlockCost quantizerEncode(ResidualVectorQuantizer quantizer, long[] latent, int layers) {
        check(latent);
        int rows = Math.toIntExact(latent[0] * latent[2]);
        List<ComputeOp> ops = new ArrayList<>();
        for (int i = 0; i < layers; i++) {
            ops.add(new MatmulOp(rows, quantizer.dim(), quantizer.bins()));
        }
        return cost("RVQ encode, " + layers + " codebooks", latent, new long[] {layers, latent[0], latent[2]},
                sum(ops), ops);
    }

    /** The cost of RVQ decoding: row look-ups and a sum, no multiply-adds. */
    public static BlockCost quantizerDecode(ResidualVectorQuantizer quantizer, long[] codes) {
        if (codes.length != 3) {
            throw new IllegalArgumentException("codes must be (K, B, T)");
        }
        return cost("RVQ decode (look-up and sum), " + codes[0] + " codebooks", codes,
                new long[] {codes[1], quantizer.dim(), codes[2]}, 0, List.of());
    }

    private static Conv1dOp conv(StreamableConv1d c, int batch, int length) {
        int out = (length + c.stride() - 1) / c.stride();
        if (c.runsPolyphase(length)) {
            // what runs: a stride-1 convolution over the stride phases stacked as channels, same multiply-adds
            return new Conv1dOp(batch, c.inChannels() * c.stride(), c.outChannels(), c.kernelSize() / c.stride(), 1,
                    1, out);
        }
        return new Conv1dOp(batch, c.inChannels(), c.outChannels(), c.kernelSize(), c.stride(), c.dilation(), out);
    }

    private static String describe(StreamableConv1d c) {
        return "conv k" + c.kernelSize() + (c.stride() > 1 ? " s" + c.stride() : "")
                + (c.dilation() > 1 ? " d" + c.dilation() : "") + " " + c.inChannels() + "->" + c.outChannels();
    }

    private static BlockCost transposed(String kind, int in, int out, int kernel, int stride, int batch, int frames,
                                        long[] input) {
        int taps = (kernel + stride - 1) / stride;
        // what actually runs (ConvTranspose1d): one conv1d with stride * out channels over the input padded by
        // taps - 1 frames on both sides
        Conv1dOp polyphase = new Conv1dOp(batch, in, stride * out, taps, 1, 1, frames + taps - 1);
        double useful = 2.0 * batch * in * out * kernel * (double) frames;
        return cost(kind + " k" + kernel + " s" + stride + " " + in + "->" + out, input,
                shape(batch, out, (long) frames * stride), useful, List.of(polyphase));
    }

    private static BlockCost lstm(String kind, int layers, int input, int hidden, boolean bidirectional, int batch,
                                  int steps, long[] shape) {
        List<ComputeOp> ops = new ArrayList<>();
        int in = input;
        for (int l = 0; l < layers; l++) {
            ops.add(new LstmOp(steps, batch, in, hidden, bidirectional));
            in = hidden * (bidirectional ? 2 : 1);
        }
        return cost(kind + " " + layers + "x" + hidden + " + skip", shape,
                shape(batch, (long) hidden * (bidirectional ? 2 : 1), steps), sum(ops), ops);
    }

    private static BlockCost cost(String name, long[] in, long[] out, double flops, List<ComputeOp> ops) {
        return new BlockCost(name, toList(in), toList(out), flops, ops);
    }

    private static double sum(List<ComputeOp> ops) {
        return ops.stream().mapToDouble(ComputeOp::flops).sum();
    }

    private static long[] shape(long... dims) {
        return dims;
    }

    private static void check(long[] input) {
        if (input.length != 3) {
            throw new IllegalArgumentException("expected a (B, C, L) shape, got " + input.length + " axes");
        }
    }

    private static List<Long> toList(long[] a) {
        List<Long> l = new ArrayList<>(a.length);
        for (long v : a) {
            l.add(v);
        }
        return l;
    }

    static long[] toArray(List<Long> l) {
        long[] a = new long[l.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = l.get(i);
        }
        return a;
    }
}
