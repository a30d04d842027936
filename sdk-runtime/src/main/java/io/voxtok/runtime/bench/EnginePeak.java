package io.voxtok.runtime.bench;

import ai.djl.ndarray.NDManager;
import io.voxtok.nn.profile.BlockCost;
import io.voxtok.nn.profile.BlockTiming;
import io.voxtok.nn.profile.ComputeOp;
import io.voxtok.nn.profile.LstmOp;
import io.voxtok.nn.profile.OpBenchmark;
import io.voxtok.nn.profile.OpTiming;
import io.voxtok.nn.profile.TokenizerProfile;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The engine's own rate on a model's primitives ({@link OpBenchmark} on every distinct shape the blocks run, plus
 * each LSTM layer's two matrix products for reference), and the comparisons built on it: achieved GFLOP/s of the
 * whole model next to the engine's on the same primitives ({@link PeakSummary}), and the per-block profile with
 * each block's primitive time ({@link ProfileReport}).
 */
public final class EnginePeak {
    private final OpBenchmark bench;

    /** @param bench how each primitive is timed */
    public EnginePeak(OpBenchmark bench) {
        this.bench = bench;
    }

    /** The distinct primitives of {@code blocks}, in first-use order, each LSTM layer followed by its products. */
    public static List<ComputeOp> distinctOps(List<BlockCost> blocks) {
        Set<ComputeOp> ops = new LinkedHashSet<>();
        for (BlockCost b : blocks) {
            for (ComputeOp op : b.ops()) {
                ops.add(op);
                if (op instanceof LstmOp l) {
                    ops.add(l.inputProjection());
                    ops.add(l.recurrentStep());
                }
            }
        }
        return new ArrayList<>(ops);
    }

    /** Times every primitive of {@link #distinctOps}. */
    public Map<ComputeOp, OpTiming> measure(NDManager manager, List<BlockCost> blocks) {
        Map<ComputeOp, OpTiming> out = new LinkedHashMap<>();
        for (ComputeOp op : distinctOps(blocks)) {
            out.put(op, bench.measure(manager, op));
        }
        return out;
    }

    /** Sum of the medians of a block's primitives; 0 for a block without any, -1 if one was not measured. */
    public static double engineSeconds(BlockCost block, Map<ComputeOp, OpTiming> timings) {
        double s = 0;
        for (ComputeOp op : block.ops()) {
            OpTiming t = timings.get(op);
            if (t == null) {
                return -1;
            }
            s += t.median();
        }
        return s;
    }

    /**
     * Whole-model comparison.
     *
     * @param encodeMedian measured median encode time
     * @param decodeMedian measured median decode time
     */
    public static PeakSummary summarize(List<BlockCost> encode, List<BlockCost> decode,
                                        Map<ComputeOp, OpTiming> timings, double encodeMedian, double decodeMedian) {
        double ef = flops(encode);
        double df = flops(decode);
        double es = engineSeconds(encode, timings);
        double ds = engineSeconds(decode, timings);
        List<OpPeak> ops = timings.values().stream().map(OpPeak::of).toList();
        List<LstmReference> lstm = new ArrayList<>();
        for (OpTiming t : timings.values()) {
            if (t.op() instanceof LstmOp l) {
                OpTiming proj = timings.get(l.inputProjection());
                OpTiming step = timings.get(l.recurrentStep());
                if (proj != null && step != null) {
                    lstm.add(new LstmReference(l.describe(), t.median(), proj.median(), step.median(),
                            l.directions() * (proj.median() + l.steps() * step.median())));
                }
            }
        }
        return new PeakSummary(ef / 1e9, es, rate(ef, es), rate(ef, encodeMedian), es / encodeMedian, df / 1e9, ds,
                rate(df, ds), rate(df, decodeMedian), ds / decodeMedian, ops, lstm);
    }

    /**
     * The report form of a profile, each block with its primitives' time when {@code timings} has them.
     *
     * @param timings primitive timings, possibly empty
     */
    public static ProfileReport profileReport(TokenizerProfile p, Map<ComputeOp, OpTiming> timings) {
        double et = median(p.encodeTotal());
        double dt = median(p.decodeTotal());
        return new ProfileReport(p.audioSeconds(), p.codebooks(), p.encodeTotal().size(), blocks(p.encode(), et,
                timings), blocks(p.decode(), dt, timings), et, dt, et - sumMedians(p.encode()),
                dt - sumMedians(p.decode()), median(p.encodeCpu()), median(p.decodeCpu()));
    }

    private static List<ProfiledBlock> blocks(List<BlockTiming> timings, double total, Map<ComputeOp, OpTiming> ops) {
        List<ProfiledBlock> out = new ArrayList<>();
        for (BlockTiming t : timings) {
            BlockCost c = t.cost();
            double engine = engineSeconds(c, ops);
            out.add(new ProfiledBlock(c.name(), c.inputShape(), c.outputShape(), c.flops() / 1e9, t.median(),
                    t.cpuMedian(), total > 0 ? t.median() / total : 0, t.gflopPerSecond(), engine,
                    !c.ops().isEmpty() && engine >= 0 && t.median() > 0 ? engine / t.median() : -1,
                    c.ops().stream().map(ComputeOp::describe).toList()));
        }
        return out;
    }

    private static double sumMedians(List<BlockTiming> t) {
        return t.stream().mapToDouble(BlockTiming::median).sum();
    }

    private static double flops(List<BlockCost> blocks) {
        return blocks.stream().mapToDouble(BlockCost::flops).sum();
    }

    private static double engineSeconds(List<BlockCost> blocks, Map<ComputeOp, OpTiming> timings) {
        double s = 0;
        for (BlockCost b : blocks) {
            double e = engineSeconds(b, timings);
            if (e < 0) {
                return -1;
            }
            s += e;
        }
        return s;
    }

    private static double rate(double flops, double seconds) {
        return seconds > 0 ? flops / seconds / 1e9 : -1;
    }

    static double median(List<Double> v) {
        return SpeedBenchmark.median(v);
    }
}
