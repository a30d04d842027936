package io.voxtok.runtime.bench;

import java.util.List;

/**
 * Achieved rate of the whole model next to the engine's own rate on the model's primitives. The engine time of a
 * pass is the sum, over its blocks, of the primitives' times measured alone ({@link OpPeak}); the share is engine
 * time over measured time: 100 % means the model runs as fast as its primitives allow on this engine, and what is
 * missing goes to element-wise work, copies, layout changes and overheads between calls.
 *
 * @param encodeGflop                 counted GFLOP of one encode
 * @param encodeEngineSeconds         sum of the encode primitives' times
 * @param encodeEngineGflopPerSecond  {@code encodeGflop / encodeEngineSeconds}: the engine's rate on them
 * @param encodeAchievedGflopPerSecond {@code encodeGflop / median encode time}
 * @param encodeShareOfEngine         achieved over engine rate (0..1, can exceed 1 within noise)
 * @param decodeGflop                 same for decode
 * @param decodeEngineSeconds         same for decode
 * @param decodeEngineGflopPerSecond  same for decode
 * @param decodeAchievedGflopPerSecond same for decode
 * @param decodeShareOfEngine         same for decode
 * @param ops                         every distinct primitive, measured
 * @param lstm                        the LSTM layers next to their matrix products
 */
public record PeakSummary(double encodeGflop, double encodeEngineSeconds, double encodeEngineGflopPerSecond,
                          double encodeAchievedGflopPerSecond, double encodeShareOfEngine, double decodeGflop,
                          double decodeEngineSeconds, double decodeEngineGflopPerSecond,
                          double decodeAchievedGflopPerSecond, double decodeShareOfEngine, List<OpPeak> ops,
                          List<LstmReference> lstm) {
    /** Copies the lists. */
    public PeakSummary {
        ops = List.copyOf(ops);
        lstm = List.copyOf(lstm);
    }
}
