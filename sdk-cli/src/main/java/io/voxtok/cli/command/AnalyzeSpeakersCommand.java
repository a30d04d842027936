package io.voxtok.cli.command;

import io.voxtok.metrics.probe.ProbeReport;
import io.voxtok.metrics.probe.VoiceConversionSpeakerReport;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code voxtok analyze speakers}: whose voice converted audio has, by cosine similarity of a log-mel speaker
 * embedding to each speaker's centroid and by a logistic-regression speaker classifier, with the original source
 * utterances as a baseline. Writes {@code report.json} and {@code report.md}.
 */
@Command(name = "speakers", description = "Whose voice converted audio has: similarity to the source and reference"
        + " speakers and a speaker classifier's probabilities, with the source audio as baseline.")
public final class AnalyzeSpeakersCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--manifest", required = true, paramLabel = "M.jsonl", description = "corpus manifest (ids, speakers, audio)")
    Path manifest;

    @Option(names = "--audio-root", paramLabel = "DIR", description = "folder the manifest's audio paths are relative to (default the manifest's folder)")
    Path audioRoot;

    @Option(names = "--converted", required = true, paramLabel = "PAIRS.jsonl",
            description = "JSON Lines {\"converted\": path, \"source\": id, \"reference\": id}")
    Path pairs;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "REPORT_DIR", description = "where report.json and report.md go")
    Path output;

    @Override
    public Integer call() {
        ProbeReport report = VoiceConversionSpeakerReport.compute(manifest, audioRoot, pairs);
        report.write(output);
        spec.commandLine().getOut().print(report.markdown());
        spec.commandLine().getOut().println("wrote " + output.resolve("report.json") + " and report.md");
        return 0;
    }
}
