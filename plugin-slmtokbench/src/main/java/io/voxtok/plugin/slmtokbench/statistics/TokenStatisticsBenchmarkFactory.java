package io.voxtok.plugin.slmtokbench.statistics;

import io.voxtok.plugin.slmtokbench.common.SimpleBenchmarkFactory;

/** Creates {@link TokenStatisticsBenchmark}s, named {@value #NAME}. */
public final class TokenStatisticsBenchmarkFactory extends SimpleBenchmarkFactory {
    /** The benchmark's name. */
    public static final String NAME = "token-statistics";

    /** The factory. */
    public TokenStatisticsBenchmarkFactory() {
        super(NAME, "codebook usage and perplexity, bitrate, PNMI and phone purity per RVQ layer, speaker probe per"
                + " layer group", (id, r) -> new TokenStatisticsBenchmark(id, r));
    }
}
