package io.voxtok.plugin.slmtokbench;

import io.voxtok.api.VoxtokPlugin;
import io.voxtok.api.bench.BenchmarkFactory;
import io.voxtok.plugin.slmtokbench.conversion.VoiceConversionBenchmarkFactory;
import io.voxtok.plugin.slmtokbench.preservation.InformationPreservationBenchmarkFactory;
import io.voxtok.plugin.slmtokbench.statistics.TokenStatisticsBenchmarkFactory;
import java.util.List;

/**
 * Entry point of the SLMTokBench plugin, registered in {@code META-INF/services/io.voxtok.api.VoxtokPlugin}: the
 * token statistics, information preservation and voice conversion benchmarks. The text-alignment probe (BiLSTM-CTC
 * with a vCLUB MI estimate) is added here as a further {@link BenchmarkFactory} named {@code text-alignment} once
 * it exists; the report already shows its MI and probe WER columns when a benchmark of that name ran.
 */
public final class SlmTokBenchPlugin implements VoxtokPlugin {
    @Override
    public List<BenchmarkFactory> benchmarks() {
        return List.of(new TokenStatisticsBenchmarkFactory(), new InformationPreservationBenchmarkFactory(),
                new VoiceConversionBenchmarkFactory());
    }
}
