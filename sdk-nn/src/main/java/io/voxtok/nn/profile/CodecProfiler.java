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
        Pass[] encRuns = new Pass[runs];
        Pass[] decRuns = new Pass[runs];
        long[] codes;
        for (int r = -warmups; r < runs; r++) {
            Pass e = new Pass(enc.size());
            codes = encodePass(parent, audio, codebooks, e);
            Pass d = new Pass(dec.size());
            decodePass(parent, codes, codebooks, d);
            if (r >= 0) {
                encRuns[r] = e;
                decRuns[r] = d;
            }
        }
        return new TokenizerProfile(samples / (double) sampleRate, codebooks, timings(enc, encRuns),
                timings(dec, decRuns), totals(encRuns, false), totals(decRuns, false), totals(encRuns, true),
                totals(decRuns, true));
    }

    /** Wall and CPU nanoseconds of one pass, per block and in total. */
    private static final class Pass {
        final long[] wall;
        final long[] cpu;
        long wallTotal;
        long cpuTotal;
        private long wallMark;
        private long cpuMark;

        Pass(int blocks) {
            wall = new long[blocks];
            cpu = new long[blocks];
        }

        void start() {
            cpuMark = CpuClock.nanos();
            wallMark = System.nanoTime();
        }

        /** Charges the time since {@link #start} to {@code block}. */
        void stop(int block) {
            wall[block] += System.nanoTime() - wallMark;
            cpu[block] += CpuClock.nanos() - cpuMark;
        }

        /** Adds per-layer times measured by {@link Sequential#forward(NDArray, long[], long[])} from {@code at}. */
        void addLayers(long[] layerWall, long[] layerCpu, int at) {
            for (int i = 0; i < layerWall.length; i++) {
                wall[at + i] += layerWall[i];
                cpu[at + i] += layerCpu[i];
            }
        }
    }

    private long[] encodePass(NDManager parent, float[][] audio, int codebooks, Pass p) {
        long cpu0 = CpuClock.nanos();
        long wall0 = System.nanoTime();
        long[] v;
        try (NDManager m = parent.newSubManager()) {
            p.start();
            float[] flat = new float[audio.length * audio[0].length];
            for (int c = 0; c < audio.length; c++) {
                System.arraycopy(audio[c], 0, flat, c * audio[0].length, audio[0].length);
            }
            NDArray x = m.create(flat, new Shape(1, audio.length, audio[0].length));
            p.stop(0);
            int n = encoder.layers().size();
            long[] lw = new long[n];
            long[] lc = new long[n];
            NDArray z = encoder.forward(x, lw, lc);
            p.addLayers(lw, lc, 1);
            p.start();
            NDArray codes = quantizer.encode(z, 0, codebooks);
            p.stop(1 + n);
            p.start();
            v = codes.toLongArray();
            p.stop(2 + n);
        }
        p.wallTotal = System.nanoTime() - wall0;
        p.cpuTotal = CpuClock.nanos() - cpu0;
        return v;
    }

    private void decodePass(NDManager parent, long[] codes, int codebooks, Pass p) {
        long cpu0 = CpuClock.nanos();
        long wall0 = System.nanoTime();
        try (NDManager m = parent.newSubManager()) {
            p.start();
            NDArray c = m.create(codes, new Shape(codebooks, 1, codes.length / codebooks));
            p.stop(0);
            p.start();
            NDArray z = quantizer.decode(c, 0);
            p.stop(1);
            int n = decoder.layers().size();
            long[] lw = new long[n];
            long[] lc = new long[n];
            NDArray y = decoder.forward(z, lw, lc);
            p.addLayers(lw, lc, 2);
            p.start();
            y.toFloatArray();
            p.stop(2 + n);
        }
        p.wallTotal = System.nanoTime() - wall0;
        p.cpuTotal = CpuClock.nanos() - cpu0;
    }

    private static List<BlockTiming> timings(List<BlockCost> costs, Pass[] runs) {
        List<BlockTiming> out = new ArrayList<>(costs.size());
        for (int b = 0; b < costs.size(); b++) {
            List<Double> wall = new ArrayList<>(runs.length);
            List<Double> cpu = new ArrayList<>(runs.length);
            for (Pass run : runs) {
                wall.add(run.wall[b] / 1e9);
                cpu.add(run.cpu[b] / 1e9);
            }
            out.add(new BlockTiming(costs.get(b), wall, median(wall), cpu, median(cpu)));
        }
        return out;
    }

    private static List<Double> totals(Pass[] runs, boolean cpu) {
        List<Double> out = new ArrayList<>(runs.length);
        for (Pass run : runs) {
            out.add((cpu ? run.cpuTotal : run.wallTotal) / 1e9);
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
