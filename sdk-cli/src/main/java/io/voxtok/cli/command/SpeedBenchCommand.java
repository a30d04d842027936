package io.voxtok.cli.command;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.voxtok.api.token.Tokenizer;
import io.voxtok.api.token.TokenizerOptions;
import io.voxtok.cli.support.RuntimeOptions;
import io.voxtok.cli.support.TokenizerSelection;
import io.voxtok.modelio.AtomicFiles;
import io.voxtok.runtime.VoxtokRuntime;
import io.voxtok.runtime.bench.SpeedBenchmark;
import io.voxtok.runtime.bench.SpeedReport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code voxtok bench speed}: encode/decode wall time, real-time factor, batch throughput, memory, GFLOP. */
@Command(name = "speed", description = "Measure encode/decode speed; prints and writes JSON.")
public final class SpeedBenchCommand implements Callable<Integer> {
    @Mixin
    RuntimeOptions runtime;
    @Mixin
    TokenizerSelection selection;

    @Option(names = "--config", paramLabel = "CONFIG.json",
            description = "model configuration for --random-init: a config.json, or a name the plugin knows")
    Path modelConfig;

    @Option(names = "--random-init", description = "random weights from the configuration (speed only)")
    boolean randomInit;

    @Option(names = "--seconds", defaultValue = "10", description = "audio length (default 10)")
    double seconds;

    @Option(names = "--runs", defaultValue = "5", description = "timed runs per operation (default 5)")
    int runs;

    @Option(names = "--warmup", defaultValue = "2", description = "untimed runs first (default 2)")
    int warmup;

    @Option(names = "--batch", defaultValue = "16", description = "items in the batch throughput run (0 = skip)")
    int batch;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE.json", description = "where to write the JSON report")
    Path output;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (randomInit) {
            selection.options.put(TokenizerOptions.RANDOM_INIT, "true");
        }
        if (modelConfig != null) {
            // A file path, or a configuration name the plugin knows (e.g. encodec_24khz).
            selection.options.put(TokenizerOptions.CONFIG_FILE, java.nio.file.Files.exists(modelConfig)
                    ? modelConfig.toAbsolutePath().toString() : modelConfig.toString());
        }
        SpeedReport report;
        try (VoxtokRuntime rt = runtime.start()) {
            Tokenizer tok = selection.create(rt);
            report = new SpeedBenchmark(runs, warmup, batch).run(tok, rt.backend(), seconds);
        }
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        String text = json.writeValueAsString(report);
        PrintWriter out = spec.commandLine().getOut();
        out.printf("%s on %s, %.1f s audio%n", report.tokenizer(), report.device(), report.audioSeconds());
        out.printf("encode median %.3f s (RTF %.3f)   decode median %.3f s (RTF %.3f)%n", report.encodeMedian(),
                report.encodeRtf(), report.decodeMedian(), report.decodeRtf());
        if (report.batchSize() > 0) {
            out.printf("batch of %d: %.2f s, %.1f s of audio per second%n", report.batchSize(),
                    report.batchEncodeSeconds(), report.batchAudioSecondsPerSecond());
        }
        out.printf("peak RSS %.0f MB; GFLOP per audio second: encode %.2f, decode %.2f%n",
                report.peakRssBytes() / 1e6, report.encodeGflopPerAudioSecond(), report.decodeGflopPerAudioSecond());
        Path target = output != null ? output
                : RuntimeOptions.home().resolve("bench-results").resolve("speed-" + selection.tokenizer.replace(':', '_') + ".json");
        AtomicFiles.writeString(target, text);
        out.printf("wrote %s%n", target);
        out.flush();
        return 0;
    }
}
