package io.voxtok.nn.profile;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.voxtok.nn.Sequential;
import io.voxtok.nn.quantization.ResidualVectorQuantizer;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Times every top-level block of a SEANet codec (encoder layers, RVQ, decoder layers) in one pass over a single
 * item, and the transfers between Java and the engine at both ends. Layers run exactly as in inference ({@link
 * Sequential#forward(NDArray, long[])}: same calls, same per-layer manager scopes), so block times add up to an
 * ordinary encode or decode. Thread-safe (it holds no state between calls).
 */
public final class CodecProfiler {
    private static final String INPUT = "input to engine (float[] -> NDArray)";
    private final Sequential encoder;
    private final ResidualVectorQuantizer quantizer;
    private final Sequential decoder;
    private final int hopLength;
    private final int sampleRate;

    /**
     * @param encoder    the encoder's module list
     * @param quantizer  the residual vector quantiser
     * @param decoder    the decoder's module list
     * @param hopLength  samples per frame
     * @param sampleRate samples per second
     */
    public CodecProfiler(Sequential encoder, ResidualVectorQuantizer quantizer, Sequential decoder, int hopLength,
                         int sampleRate) {
        this.encoder = encoder;
        this.quantizer = quantizer;
        this.decoder = decoder;
        this.hopLength = hopLength;
        this.sampleRate = sampleRate;
    }

    /** Frames for {@code samples} samples: {@code ceil(samples / hop)}. */
    public int framesFor(int samples) {
        return (samples + hopLength - 1) / hopLength;
    }

    /** Encode blocks: input transfer, every encoder layer, the RVQ, the codes transfer. */
    public List<BlockCost> encodeCosts(int channels, int samples, int codebooks) {
        List<BlockCost> out = new ArrayList<>();
        long[] input = {1, channels, samples};
        out.add(transfer(INPUT, input, input));
        List<BlockCost> layers = BlockCosts.of(encoder, input);
        out.addAll(prefixed("encoder.", layers));
        long[] latent = BlockCosts.toArray(layers.get(layers.size() - 1).outputShape());
        BlockCost rvq = BlockCosts.quantizerEncode(quantizer, latent, codebooks);
        out.add(rvq);
        long[] codes = BlockCosts.toArray(rvq.outputShape());
        out.add(transfer("codes to Java (NDArray -> long[])", codes, codes));
        return out;
    }

    /** Decode blocks: codes transfer, RVQ look-up, every decoder layer, the audio transfer. */
    public List<BlockCost> decodeCosts(int frames, int codebooks) {
        List<BlockCost> out = new ArrayList<>();
        long[] codes = {codebooks, 1, frames};
        out.add(transfer("codes to engine (long[] -> NDArray)", codes, codes));
        BlockCost rvq = BlockCosts.quantizerDecode(quantizer, codes);
        out.add(rvq);
        List<BlockCost> layers = BlockCosts.of(decoder, BlockCosts.toArray(rvq.outputShape()));
        out.addAll(prefixed("decoder.", layers));
        long[] audio = BlockCosts.toArray(layers.get(layers.size() - 1).outputShape());
        out.add(transfer("audio to Java (NDArray -> float[])", audio, audio));
        return out;
    }

    /**
     * Profiles encode and decode of one item.
     *
     * @param parent    manager for the work (a child of it is made per pass and closed after it)
     * @param audio     {@code [channel][sample]}, all channels of one length
     * @param codebooks RVQ codebooks to use
     * @param warmups   untimed passes first
     * @param runs      timed passes
     */
    public TokenizerProfile profile(NDManager parent, float[][] audio, int codebooks, int warmups, int runs) {
        int channels = audio.length;
        int samples = audio[0].length;
        List<BlockCost> enc = encodeCosts(channels, samples, codebooks);
        List<BlockCost> dec = decodeCosts(framesFor(samples), codebooks);
        long[][] encNanos = new long[runs][enc.size()];
        long[][] decNanos = new long[runs][dec.size()];
        List<Double> encTotal = new ArrayList<>();
        List<Double> decTotal = new ArrayList<>();
        long[] codes = null;
        for (int r = -warmups; r < runs; r++) {
            long[] e = new long[enc.size()];
            long t0 = System.nanoTime();
            codes = encodePass(parent, audio, codebooks, e);
            double et = (System.nanoTime() - t0) / 1e9;
            long[] d = new long[dec.size()];
            t0 = System.nanoTime();
            decodePass(parent, codes, codebooks, d);
            double dt = (System.nanoTime() - t0) / 1e9;
            if (r >= 0) {
                encNanos[r] = e;
                decNanos[r] = d;
                encTotal.add(et);
                decTotal.add(dt);
            }
        }
        return new TokenizerProfile(samples / (double) sampleRate, codebooks,
                timings(enc, encNanos), timings(dec, decNanos), encTotal, decTotal);
    }

    private long[] encodePass(NDManager parent, float[][] audio, int codebooks, long[] nanos) {
        try (NDManager m = parent.newSubManager()) {
            long t = System.nanoTime();
            float[] flat = new float[audio.length * audio[0].length];
            for (int c = 0; c < audio.length; c++) {
                System.arraycopy(audio[c], 0, flat, c * audio[0].length, audio[0].length);
            }
            NDArray x = m.create(flat, new Shape(1, audio.length, audio[0].length));
            nanos[0] += System.nanoTime() - t;
            long[] layerNanos = new long[encoder.layers().size()];
            NDArray z = encoder.forward(x, layerNanos);
            System.arraycopy(layerNanos, 0, nanos, 1, layerNanos.length);
            int at = 1 + layerNanos.length;
            t = System.nanoTime();
            NDArray codes = quantizer.encode(z, 0, codebooks);
            nanos[at] += System.nanoTime() - t;
            t = System.nanoTime();
            long[] v = codes.toLongArray();
            nanos[at + 1] += System.nanoTime() - t;
            return v;
        }
    }

    private void decodePass(NDManager parent, long[] codes, int codebooks, long[] nanos) {
        try (NDManager m = parent.newSubManager()) {
            long t = System.nanoTime();
            NDArray c = m.create(codes, new Shape(codebooks, 1, codes.length / codebooks));
            nanos[0] += System.nanoTime() - t;
            t = System.nanoTime();
            NDArray z = quantizer.decode(c, 0);
            nanos[1] += System.nanoTime() - t;
            long[] layerNanos = new long[decoder.layers().size()];
            NDArray y = decoder.forward(z, layerNanos);
            System.arraycopy(layerNanos, 0, nanos, 2, layerNanos.length);
            t = System.nanoTime();
            y.toFloatArray();
            nanos[2 + layerNanos.length] += System.nanoTime() - t;
        }
    }

    private static List<BlockTiming> timings(List<BlockCost> costs, long[][] nanos) {
        List<BlockTiming> out = new ArrayList<>(costs.size());
        for (int b = 0; b < costs.size(); b++) {
            List<Double> s = new ArrayList<>(nanos.length);
            for (long[] run : nanos) {
                s.add(run[b] / 1e9);
            }
            out.add(new BlockTiming(costs.get(b), s, median(s)));
        }
        return out;
    }

    /** Median of a non-empty list. */
    static double median(List<Double> values) {
        List<Double> s = new ArrayList<>(values);
        Collections.sort(s);
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }

    private static List<BlockCost> prefixed(String prefix, List<BlockCost> blocks) {
        return blocks.stream().map(b -> new BlockCost(prefix + b.name(), b.inputShape(), b.outputShape(), b.flops(),
                b.ops())).toList();
    }

    private static BlockCost transfer(String name, long[] in, long[] out) {
        return new BlockCost(name, toList(in), toList(out), 0, List.of());
    }

    private static List<Long> toList(long[] a) {
        List<Long> l = new ArrayList<>();
        for (long v : a) {
            l.add(v);
        }
        return l;
    }
}
