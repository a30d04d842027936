package io.voxtok.runtime.bench;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The Markdown form of a {@link SpeedReport}: machine and engine, whole-model rates next to the engine's rate on
 * the same primitives, the per-block profile, the primitives alone, and the LSTM layers next to their matrix
 * products. Written next to the JSON by {@code voxtok bench speed}.
 */
public final class SpeedMarkdown {
    private SpeedMarkdown() {
    }

    /** Renders the report. */
    public static String render(SpeedReport r) {
        StringBuilder b = new StringBuilder();
        b.append("# Speed: ").append(r.tokenizer()).append("\n\n");
        b.append(f("%.1f s of audio, %s, median of %d runs.", r.audioSeconds(), r.device(), r.encodeSeconds().size()))
                .append("\n\n");
        b.append("* Machine load (`/proc/loadavg`): before `").append(r.loadAverageBefore()).append("`, after `")
                .append(r.loadAverageAfter()).append("`\n");
        if (r.cpu() != null) {
            CpuInfo c = r.cpu();
            b.append("* CPU: ").append(c.model()).append(f(", %d logical CPUs, %d cores", c.logicalCpus(),
                    c.physicalCores())).append(c.hypervisor() ? ", virtual machine" : "").append("; SIMD: ")
                    .append(String.join(" ", c.simdFlags())).append('\n');
        }
        EngineEnvironment e = r.engine();
        if (e != null) {
            b.append("* Engine: ").append(e.engine()).append(' ').append(e.engineVersion()).append(", DJL ")
                    .append(e.djlVersion()).append(", features ").append(String.join(" ", e.features()))
                    .append(f(", intra-op threads %d, inter-op threads %d", e.intraOpThreads(), e.interOpThreads()))
                    .append('\n');
            b.append("* OpenMP: ").append(e.openMp()).append("; BLAS: ").append(e.blas())
                    .append("; transparent huge pages: ").append(e.transparentHugePages()).append('\n');
            if (e.verbose() != null) {
                EngineVerboseLog v = e.verbose();
                b.append("* oneDNN ").append(v.oneDnnVersion()).append(", ").append(v.oneDnnRuntime()).append(", ISA: ")
                        .append(v.oneDnnIsa()).append('\n');
                b.append("* MKL: ").append(v.mklBuild()).append('\n');
            } else if (e.verboseError() != null) {
                b.append("* oneDNN/MKL report: ").append(e.verboseError()).append('\n');
            }
            if (!e.threadEnvironment().isEmpty()) {
                b.append("* Environment: ").append(e.threadEnvironment().entrySet().stream()
                        .map(x -> "`" + x.getKey() + "=" + x.getValue() + "`").collect(Collectors.joining(" ")))
                        .append('\n');
            }
        }
        b.append('\n');
        PeakSummary p = r.peak();
        b.append("| | median s | CPU s (all threads) | RTF | GFLOP | achieved GFLOP/s |");
        b.append(p != null ? " primitives alone, s | engine GFLOP/s on them | achieved / engine |\n"
                + "|---|---|---|---|---|---|---|---|---|\n" : "\n|---|---|---|---|---|---|\n");
        b.append(f("| encode | %.3f | %.3f | %.3f | %.2f | %.1f |", r.encodeMedian(), median(r.encodeCpuSeconds()),
                r.encodeRtf(),
                r.encodeGflopPerAudioSecond() * r.audioSeconds(), r.encodeGflopPerSecond()));
        if (p != null) {
            b.append(f(" %.3f | %.1f | %.0f %% |", p.encodeEngineSeconds(), p.encodeEngineGflopPerSecond(),
                    100 * p.encodeShareOfEngine()));
        }
        b.append('\n');
        b.append(f("| decode | %.3f | %.3f | %.3f | %.2f | %.1f |", r.decodeMedian(), median(r.decodeCpuSeconds()),
                r.decodeRtf(),
                r.decodeGflopPerAudioSecond() * r.audioSeconds(), r.decodeGflopPerSecond()));
        if (p != null) {
            b.append(f(" %.3f | %.1f | %.0f %% |", p.decodeEngineSeconds(), p.decodeEngineGflopPerSecond(),
                    100 * p.decodeShareOfEngine()));
        }
        b.append("\n\n");
        if (r.batchSize() > 0) {
            double singleCpu = median(r.encodeCpuSeconds());
            b.append(f("Batch of %d: %.2f s, %.1f s of audio per second (single item: %.1f); CPU time per item %.3f s"
                            + " (single item: %.3f s, so the batch does %.2fx the work per CPU second).%n%n",
                    r.batchSize(), r.batchEncodeSeconds(), r.batchAudioSecondsPerSecond(),
                    r.audioSeconds() / r.encodeMedian(), r.batchEncodeCpuSeconds() / r.batchSize(), singleCpu,
                    singleCpu * r.batchSize() / r.batchEncodeCpuSeconds()));
        }
        ProfileReport pr = r.profile();
        if (pr != null) {
            profile(b, "encode", pr.encode(), pr.encodeTotalSeconds(), pr.encodeCpuSeconds(), pr.encodeUnattributed(),
                    pr.runs());
            profile(b, "decode", pr.decode(), pr.decodeTotalSeconds(), pr.decodeCpuSeconds(), pr.decodeUnattributed(),
                    pr.runs());
        }
        if (p != null) {
            b.append("## Engine primitives measured alone\n\n| primitive | GFLOP | median ms | CPU ms | GFLOP/s |\n"
                    + "|---|---|---|---|---|\n");
            for (OpPeak o : p.ops()) {
                b.append(f("| %s | %.3f | %.2f | %.2f | %.1f |%n", o.shape(), o.gflop(), 1e3 * o.medianSeconds(),
                        1e3 * o.cpuSeconds(), o.gflopPerSecond()));
            }
            if (!p.lstm().isEmpty()) {
                b.append("\n## LSTM layers next to their matrix products\n\n")
                        .append("| layer | native call ms | input projection ms | one recurrent step ms | matmul bound ms |\n")
                        .append("|---|---|---|---|---|\n");
                for (LstmReference l : p.lstm()) {
                    b.append(f("| %s | %.1f | %.1f | %.3f | %.1f |%n", l.lstm(), 1e3 * l.lstmSeconds(),
                            1e3 * l.inputProjectionSeconds(), 1e3 * l.recurrentStepSeconds(),
                            1e3 * l.matmulBoundSeconds()));
                }
            }
            b.append('\n');
        }
        return b.toString();
    }

    private static void profile(StringBuilder b, String what, List<ProfiledBlock> blocks, double total, double cpu,
                                double unattributed, int runs) {
        b.append(f("## Profile: %s (median of %d passes: %.3f s wall, %.3f s CPU; %.3f s wall outside the blocks)%n%n",
                what, runs, total, cpu, unattributed));
        b.append("| block | input -> output | GFLOP | ms | CPU ms | % of pass | GFLOP/s | primitives alone, ms | "
                + "primitives / block |\n|---|---|---|---|---|---|---|---|---|\n");
        for (ProfiledBlock x : blocks) {
            b.append(f("| %s | %s -> %s | %.3f | %.1f | %.1f | %.1f | %s | %s | %s |%n", x.name(),
                    shape(x.inputShape()), shape(x.outputShape()), x.gflop(), 1e3 * x.medianSeconds(),
                    1e3 * x.cpuSeconds(), 100 * x.shareOfPass(),
                    x.gflop() > 0 ? f("%.1f", x.gflopPerSecond()) : "", x.engineSeconds() > 0
                            ? f("%.1f", 1e3 * x.engineSeconds()) : "", x.engineShare() > 0
                            ? f("%.0f %%", 100 * x.engineShare()) : ""));
        }
        b.append('\n');
    }

    private static double median(List<Double> v) {
        return v.isEmpty() ? -1 : SpeedBenchmark.median(v);
    }

    private static String shape(List<Long> s) {
        return s.stream().map(String::valueOf).collect(Collectors.joining("x"));
    }

    private static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
