package io.voxtok.cli.command;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.voxtok.api.token.Tokenizer;
import io.voxtok.api.token.TokenizerOptions;
import io.voxtok.cli.support.RuntimeOptions;
import io.voxtok.cli.support.TokenizerSelection;
import io.voxtok.modelio.AtomicFiles;
import io.voxtok.runtime.VoxtokRuntime;
import io.voxtok.runtime.bench.PeakSummary;
import io.voxtok.runtime.bench.SpeedBenchmark;
import io.voxtok.runtime.bench.SpeedMarkdown;
import io.voxtok.runtime.bench.SpeedReport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code voxtok bench speed}: encode/decode wall time, real-time factor, batch throughput, memory, GFLOP, the
 * machine and engine it ran on, the engine's own rate on the model's primitives and, with {@code --profile}, the
 * time of every block. Writes JSON and a Markdown summary next to it.
 */
@Command(name = "speed", description = "Measure encode/decode speed; prints and writes JSON and Markdown.")
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

    @Option(names = {"-o", "--output"}, paramLabel = "FILE.json",
            description = "where to write the JSON report (the Markdown goes next to it, .md)")
    Path output;

    @Option(names = "--profile", description = "also time every block of encode and decode (encoder layers, RVQ,"
            + " decoder layers) with its FLOPs, --runs passes")
    boolean profile;

    @Option(names = "--engine-peak", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "measure the engine's own rate on the model's primitives (convolutions, LSTM layers, RVQ"
                    + " products) and compare (default: on; --no-engine-peak to skip)")
    boolean enginePeak;

    @Option(names = "--engine-probe", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "ask oneDNN and MKL which versions and kernels run (a child JVM with ONEDNN_VERBOSE and"
                    + " MKL_VERBOSE; default: on; --no-engine-probe to skip)")
    boolean engineProbe;

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
            report = new SpeedBenchmark(runs, warmup, batch).withProfile(profile).withEnginePeak(enginePeak)
                    .withEngineProbe(engineProbe).run(tok, rt.backend(), seconds);
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
        if (report.peak() != null) {
            PeakSummary p = report.peak();
            out.printf("achieved GFLOP/s: encode %.1f, decode %.1f; the engine on the same primitives: %.1f, %.1f"
                            + " (%.0f %%, %.0f %%)%n", p.encodeAchievedGflopPerSecond(), p.decodeAchievedGflopPerSecond(),
                    p.encodeEngineGflopPerSecond(), p.decodeEngineGflopPerSecond(), 100 * p.encodeShareOfEngine(),
                    100 * p.decodeShareOfEngine());
        }
        out.printf("load average before %s, after %s%n", report.loadAverageBefore(), report.loadAverageAfter());
        Path target = output != null ? output
                : RuntimeOptions.home().resolve("bench-results").resolve("speed-" + selection.tokenizer.replace(':', '_') + ".json");
        AtomicFiles.writeString(target, text);
        Path markdown = markdownPath(target);
        AtomicFiles.writeString(markdown, SpeedMarkdown.render(report));
        out.printf("wrote %s and %s%n", target, markdown);
        out.flush();
        return 0;
    }

    /** {@code X.json} becomes {@code X.md}; any other name gets {@code .md} appended. */
    static Path markdownPath(Path json) {
        String name = json.getFileName().toString();
        String stem = name.endsWith(".json") ? name.substring(0, name.length() - 5) : name;
        return json.resolveSibling(stem + ".md");
    }
}
