package io.voxtok.plugin.slmtokbench.conversion;

import io.voxtok.plugin.slmtokbench.common.SimpleBenchmarkFactory;

/** Creates {@link VoiceConversionBenchmark}s, named {@value #NAME}. */
public final class VoiceConversionBenchmarkFactory extends SimpleBenchmarkFactory {
    /** The benchmark's name. */
    public static final String NAME = "voice-conversion";

    /** The factory. */
    public VoiceConversionBenchmarkFactory() {
        super(NAME, "semantic layers of A + acoustic layers of B (paper Table 5): speaker similarity to A and B, WER",
                (id, r) -> new VoiceConversionBenchmark(id, r));
    }
}
