package io.voxtok.runtime.bench;

import io.voxtok.nn.profile.BlockCost;
import io.voxtok.nn.profile.BlockTiming;
import io.voxtok.nn.profile.ComputeOp;
import io.voxtok.nn.profile.Conv1dOp;
import io.voxtok.nn.profile.LstmOp;
import io.voxtok.nn.profile.MatmulOp;
import io.voxtok.nn.profile.OpTiming;
import io.voxtok.nn.profile.TokenizerProfile;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The arithmetic of the comparisons, on made-up timings (no engine runs here). */
class EnginePeakTest {
    private static final Conv1dOp CONV = new Conv1dOp(1, 10, 10, 5, 1, 1, 100); // 100 000 FLOPs
    private static final LstmOp LSTM = new LstmOp(10, 1, 8, 8, false); // 2*10*32*16 = 10 240 FLOPs

    private static BlockCost block(String name, double flops, List<ComputeOp> ops) {
        return new BlockCost(name, List.of(1L, 10L, 100L), List.of(1L, 10L, 100L), flops, ops);
    }

    private static OpTiming t(ComputeOp op, double s) {
        return new OpTiming(op, List.of(s), s, List.of(2 * s), 2 * s);
    }

    private static Map<ComputeOp, OpTiming> timings() {
        Map<ComputeOp, OpTiming> m = new LinkedHashMap<>();
        m.put(CONV, t(CONV, 1e-3));
        m.put(LSTM, t(LSTM, 4e-3));
        m.put(LSTM.inputProjection(), t(LSTM.inputProjection(), 1e-4));
        m.put(LSTM.recurrentStep(), t(LSTM.recurrentStep(), 2e-4));
        return m;
    }

    @Test
    void distinctOpsListEachShapeOnceWithTheLstmProducts() {
        List<BlockCost> blocks = List.of(block("a", 1e5, List.of(CONV, CONV)), block("b", 0, List.of()),
                block("c", 10240, List.of(LSTM)));
        assertEquals(List.of(CONV, LSTM, new MatmulOp(10, 8, 32), new MatmulOp(1, 8, 32)),
                EnginePeak.distinctOps(blocks));
    }

    /**
     * Encode: conv twice (2e5 FLOPs, 2 ms alone) and the LSTM (10 240 FLOPs, 4 ms): 210 240 FLOPs in 6 ms of
     * primitives = 0.03504 GFLOP/s; measured 12 ms gives 0.01752 GFLOP/s, half of the engine's.
     */
    @Test
    void wholeModelRateAgainstThePrimitivesRate() {
        List<BlockCost> enc = List.of(block("conv", 2e5, List.of(CONV, CONV)), block("lstm", 10240, List.of(LSTM)));
        List<BlockCost> dec = List.of(block("conv", 1e5, List.of(CONV)));
        PeakSummary p = EnginePeak.summarize(enc, dec, timings(), 0.012, 0.004);
        assertEquals(210240e-9, p.encodeGflop(), 1e-15);
        assertEquals(0.006, p.encodeEngineSeconds(), 1e-12);
        assertEquals(0.03504, p.encodeEngineGflopPerSecond(), 1e-9);
        assertEquals(0.01752, p.encodeAchievedGflopPerSecond(), 1e-9);
        assertEquals(0.5, p.encodeShareOfEngine(), 1e-12);
        assertEquals(0.25, p.decodeShareOfEngine(), 1e-12, "1 ms of primitives in 4 ms");
        assertEquals(1, p.lstm().size());
        // one direction: projection 0.1 ms + 10 steps x 0.2 ms = 2.1 ms
        assertEquals(0.0021, p.lstm().get(0).matmulBoundSeconds(), 1e-12);
    }

    @Test
    void blocksWithUnmeasuredPrimitivesReportMinusOne() {
        BlockCost b = block("x", 1, List.of(new MatmulOp(1, 2, 3)));
        assertEquals(-1, EnginePeak.engineSeconds(b, timings()));
        assertEquals(0, EnginePeak.engineSeconds(block("elu", 0, List.of()), timings()));
    }

    @Test
    void profileReportSharesAndUnattributedTime() {
        BlockCost conv = block("conv", 1e5, List.of(CONV));
        BlockCost elu = block("elu", 0, List.of());
        TokenizerProfile p = new TokenizerProfile(1.0, 8,
                List.of(new BlockTiming(conv, List.of(0.002, 0.004, 0.003), 0.003, List.of(0.006), 0.006),
                        new BlockTiming(elu, List.of(0.001, 0.001, 0.001), 0.001, List.of(0.001), 0.001)),
                List.of(new BlockTiming(elu, List.of(0.001, 0.001, 0.001), 0.001, List.of(0.001), 0.001)),
                List.of(0.005, 0.006, 0.0045), List.of(0.002, 0.002, 0.002), List.of(0.009, 0.01, 0.008),
                List.of(0.003, 0.003, 0.003));
        ProfileReport r = EnginePeak.profileReport(p, timings());
        assertEquals(0.005, r.encodeTotalSeconds(), 1e-12);
        assertEquals(0.001, r.encodeUnattributed(), 1e-12, "5 ms pass, 3 + 1 ms in blocks");
        assertEquals(0.6, r.encode().get(0).shareOfPass(), 1e-12);
        assertEquals(1e-4 / 0.003 * 1e3 / 1e3, r.encode().get(0).gflopPerSecond(), 1e-9, "1e5 FLOPs in 3 ms");
        assertEquals(1.0 / 3, r.encode().get(0).engineShare(), 1e-12, "1 ms alone, 3 ms in the model");
        assertEquals(-1, r.encode().get(1).engineShare(), "no primitives");
        assertEquals(3, r.runs());
        assertEquals(0.009, r.encodeCpuSeconds(), 1e-12);
        assertEquals(0.006, r.encode().get(0).cpuSeconds(), 1e-12);
    }
}
