package io.voxtok.cli.command;

import io.voxtok.metrics.probe.LayerGroup;
import io.voxtok.metrics.probe.TokenContentOptions;
import io.voxtok.metrics.probe.ProbeReport;
import io.voxtok.metrics.probe.TokenContentReport;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code voxtok analyze tokens}: per RVQ layer phone purity, code purity, PNMI and codebook usage, and per layer
 * group a speaker-identification probe, of a folder of {@code <id>.npy} token files against a manifest with
 * phone alignments. Writes {@code report.json} and {@code report.md}.
 */
@Command(name = "tokens", description = "Phone content per RVQ layer and a speaker probe per layer group, of"
        + " <id>.npy token files (as written by 'encode --format npy') against a manifest with phone alignments.")
public final class AnalyzeTokensCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--tokens", required = true, paramLabel = "DIR", description = "folder of <id>.npy codes (n_q, 1, T)")
    Path tokens;

    @Option(names = "--manifest", required = true, paramLabel = "M.jsonl", description = "corpus manifest with speaker, split, alignment")
    Path manifest;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "REPORT_DIR", description = "where report.json and report.md go")
    Path output;

    @Option(names = "--layers", split = ",", paramLabel = "L", description = "layers (from 1) to measure phone content on, e.g. 1 or 1,2 (default all)")
    List<String> layers = new ArrayList<>();

    @Option(names = "--group", paramLabel = "a[:b]", description = "layer group for the speaker probe, repeatable (default 1 and 2:n_q)")
    List<String> groups = new ArrayList<>();

    @Option(names = "--split", paramLabel = "S", defaultValue = "all", description = "all, train, dev or test (default ${DEFAULT-VALUE})")
    String split;

    @Option(names = "--frame-rate", paramLabel = "HZ", defaultValue = "50", description = "token frames per second (default ${DEFAULT-VALUE})")
    double frameRate;

    @Option(names = "--hop", paramLabel = "SAMPLES", defaultValue = "320", description = "samples per frame (default ${DEFAULT-VALUE}, 16 kHz)")
    int hop;

    @Option(names = "--codebook-size", paramLabel = "K", defaultValue = "1024", description = "codes per layer (default ${DEFAULT-VALUE})")
    int codebookSize;

    @Option(names = "--tolerance-frames", paramLabel = "N", defaultValue = "2",
            description = "largest token-length vs duration mismatch (default ${DEFAULT-VALUE})")
    int tolerance;

    @Override
    public Integer call() {
        List<Integer> layerList = new ArrayList<>();
        List<LayerGroup> groupList = new ArrayList<>();
        try {
            for (String l : layers) {
                LayerGroup g = LayerGroup.parse(l);
                for (int k = g.first(); k <= g.last(); k++) {
                    layerList.add(k);
                }
            }
            for (String g : groups) {
                groupList.add(LayerGroup.parse(g));
            }
            new TokenContentOptions(frameRate, hop, codebookSize, layerList, groupList, split, tolerance);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        TokenContentOptions o = new TokenContentOptions(frameRate, hop, codebookSize, layerList, groupList, split, tolerance);
        ProbeReport report = TokenContentReport.compute(tokens, manifest, o);
        report.write(output);
        spec.commandLine().getOut().print(report.markdown());
        spec.commandLine().getOut().println("wrote " + output.resolve("report.json") + " and report.md");
        return 0;
    }
}
