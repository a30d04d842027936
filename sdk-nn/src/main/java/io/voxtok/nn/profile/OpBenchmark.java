package io.voxtok.nn.profile;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

import java.util.ArrayList;
import java.util.List;

/**
 * Micro-benchmark of single engine primitives through the same DJL calls the blocks use ({@code convolution},
 * {@code matMul}, {@code lstm}), on random float32 data: the engine's own rate on the model's shapes, to set
 * block times against. Each call runs once untimed, then until {@code minSeconds} have passed and at least
 * {@code minRuns} calls were timed; the median call is reported.
 */
public final class OpBenchmark {
    private final double minSeconds;
    private final int minRuns;
    private final int maxRuns;

    /**
     * @param minSeconds timed seconds to reach per primitive
     * @param minRuns    timed calls at least
     * @param maxRuns    timed calls at most (long calls stop here even before {@code minSeconds})
     */
    public OpBenchmark(double minSeconds, int minRuns, int maxRuns) {
        if (minRuns < 1 || maxRuns < minRuns || minSeconds < 0) {
            throw new IllegalArgumentException("invalid benchmark settings");
        }
        this.minSeconds = minSeconds;
        this.minRuns = minRuns;
        this.maxRuns = maxRuns;
    }

    /**
     * Times one primitive.
     *
     * @param parent manager for the operands (a child is made and closed here)
     */
    public OpTiming measure(NDManager parent, ComputeOp op) {
        try (NDManager m = parent.newSubManager()) {
            Call call = prepare(m, op);
            call.run().close();
            List<Double> seconds = new ArrayList<>();
            List<Double> cpu = new ArrayList<>();
            double total = 0;
            while (seconds.size() < minRuns || (total < minSeconds && seconds.size() < maxRuns)) {
                long c0 = CpuClock.nanos();
                long t0 = System.nanoTime();
                NDArray out = call.run();
                double s = (System.nanoTime() - t0) / 1e9;
                cpu.add((CpuClock.nanos() - c0) / 1e9);
                out.close();
                seconds.add(s);
                total += s;
            }
            return new OpTiming(op, seconds, CodecProfiler.median(seconds), cpu, CodecProfiler.median(cpu));
        }
    }

    /** One call of a primitive on prepared operands; returns its output. */
    @FunctionalInterface
    private interface Call {
        NDArray run();
    }

    private static Call prepare(NDManager m, ComputeOp op) {
        if (op instanceof Conv1dOp c) {
            NDArray x = random(m, c.batch(), c.inChannels(), c.inputLength());
            NDArray w = random(m, c.outChannels(), c.inChannels(), c.kernel());
            NDArray b = random(m, c.outChannels());
            Shape stride = new Shape(c.stride());
            Shape pad = new Shape(0);
            Shape dilation = new Shape(c.dilation());
            return () -> x.getNDArrayInternal().convolution(x, w, b, stride, pad, dilation, 1).singletonOrThrow();
        }
        if (op instanceof MatmulOp mm) {
            NDArray a = random(m, mm.m(), mm.k());
            NDArray b = random(m, mm.k(), mm.n());
            return () -> a.matMul(b);
        }
        LstmOp l = (LstmOp) op;
        NDArray x = random(m, l.steps(), l.batch(), l.inputSize());
        NDList params = new NDList();
        for (int d = 0; d < l.directions(); d++) {
            params.add(random(m, 4L * l.hiddenSize(), l.inputSize()));
            params.add(random(m, 4L * l.hiddenSize(), l.hiddenSize()));
            params.add(random(m, 4L * l.hiddenSize()));
            params.add(random(m, 4L * l.hiddenSize()));
        }
        Shape state = new Shape(l.directions(), l.batch(), l.hiddenSize());
        NDArray h0 = m.zeros(state, DataType.FLOAT32);
        NDArray c0 = m.zeros(state, DataType.FLOAT32);
        return () -> {
            NDList out = x.getNDArrayInternal().lstm(x, new NDList(h0, c0), params, true, 1, 0.0, false,
                    l.bidirectional(), false);
            for (int i = 1; i < out.size(); i++) {
                out.get(i).close();
            }
            return out.get(0);
        };
    }

    private static NDArray random(NDManager m, long... shape) {
        // scaled like the models' weights so that activations stay in a normal range (no denormals, no overflow)
        return m.randomUniform(-0.05f, 0.05f, new Shape(shape), DataType.FLOAT32);
    }
}
