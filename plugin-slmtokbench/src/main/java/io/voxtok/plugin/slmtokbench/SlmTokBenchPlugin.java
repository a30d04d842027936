package io.voxtok.plugin.slmtokbench;

import io.voxtok.api.VoxtokPlugin;
import io.voxtok.api.bench.BenchmarkFactory;
import io.voxtok.plugin.slmtokbench.alignment.TextAlignmentBenchmarkFactory;
import io.voxtok.plugin.slmtokbench.conversion.VoiceConversionBenchmarkFactory;
import io.voxtok.plugin.slmtokbench.preservation.InformationPreservationBenchmarkFactory;
import io.voxtok.plugin.slmtokbench.statistics.TokenStatisticsBenchmarkFactory;
import java.util.List;

/**
 * Entry point of the SLMTokBench plugin, registered in {@code META-INF/services/io.voxtok.api.VoxtokPlugin}: the
 * token statistics, information preservation and voice conversion benchmarks, and text alignment (a BiLSTM-CTC probe
 * with a vCLUB MI estimate, {@code text-alignment}), whose MI and probe WER fill the report's first columns.
 */
public final class SlmTokBenchPlugin implements VoxtokPlugin {
    @Override
    public List<BenchmarkFactory> benchmarks() {
        return List.of(new TokenStatisticsBenchmarkFactory(), new InformationPreservationBenchmarkFactory(),
                new VoiceConversionBenchmarkFactory(), new TextAlignmentBenchmarkFactory());
    }
}
