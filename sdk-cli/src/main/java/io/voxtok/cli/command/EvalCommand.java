package io.voxtok.cli.command;

import io.voxtok.api.text.Transcriber;
import io.voxtok.metrics.EvaluationReport;
import io.voxtok.metrics.ResynthesisEvaluator;
import io.voxtok.metrics.VoskTranscriber;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code voxtok eval}: resynthesis quality of paired audio (files paired by relative path without extension):
 * SI-SDR, log-mel and multi-resolution STFT distances, STOI/ESTOI and, with ASR, WER/CER. Writes JSON and Markdown.
 */
@Command(name = "eval", description = "Compare reference and resynthesised audio; writes JSON and a Markdown table.")
public final class EvalCommand implements Callable<Integer> {
    @Option(names = "--reference", required = true, paramLabel = "DIR", description = "reference audio")
    Path reference;

    @Option(names = "--hypothesis", required = true, paramLabel = "DIR", description = "resynthesised audio")
    Path hypothesis;

    @Option(names = "--manifest", paramLabel = "manifest.jsonl", description = "reference transcripts for WER")
    Path manifest;

    @Option(names = "--no-asr", description = "skip speech recognition (no WER/CER)")
    boolean noAsr;

    @Option(names = {"-o", "--output"}, defaultValue = "eval", paramLabel = "PREFIX",
            description = "writes PREFIX.json and PREFIX.md (default eval)")
    String output;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        Optional<Transcriber> asr = noAsr ? Optional.empty() : Optional.of(VoskTranscriber.open());
        try {
            EvaluationReport r = ResynthesisEvaluator.standard(asr, Optional.ofNullable(manifest))
                    .evaluate(reference, hypothesis, (d, t) -> System.err.printf("\r%d/%d files", d, t));
            System.err.println();
            r.write(Path.of(output + ".json"), Path.of(output + ".md"));
            spec.commandLine().getOut().print(r.toMarkdown());
            spec.commandLine().getOut().printf("%nwrote %s.json and %s.md%n", output, output);
        } finally {
            asr.ifPresent(Transcriber::close);
        }
        return 0;
    }
}
