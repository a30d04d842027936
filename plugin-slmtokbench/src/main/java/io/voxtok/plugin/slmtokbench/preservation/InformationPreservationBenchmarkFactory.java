package io.voxtok.plugin.slmtokbench.preservation;

import io.voxtok.plugin.slmtokbench.common.SimpleBenchmarkFactory;

/** Creates {@link InformationPreservationBenchmark}s, named {@value #NAME}. */
public final class InformationPreservationBenchmarkFactory extends SimpleBenchmarkFactory {
    /** The benchmark's name. */
    public static final String NAME = "information-preservation";

    /** The factory. */
    public InformationPreservationBenchmarkFactory() {
        super(NAME, "resynthesis WER/CER (ASR) and speaker similarity of decode(encode(x)) to x",
                (id, r) -> new InformationPreservationBenchmark(id, r));
    }
}
