package io.voxtok.cli.command;

import io.voxtok.api.speaker.SpeakerEncoder;
import io.voxtok.cli.support.ProgressBar;
import io.voxtok.cli.support.RuntimeOptions;
import io.voxtok.cli.support.SpeakerEncoderSelection;
import io.voxtok.data.CorpusEntry;
import io.voxtok.data.Split;
import io.voxtok.metrics.speaker.CorpusSpeakerVerification;
import io.voxtok.modelio.AtomicFiles;
import io.voxtok.modelio.Json;
import io.voxtok.runtime.VoxtokRuntime;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code voxtok speaker eer}: embeds every utterance of one split of a corpus, scores all same/different-speaker
 * pairs by cosine and reports the equal error rate (printed, and written as JSON with {@code -o}).
 */
@Command(name = "eer", description = "Equal error rate of a speaker encoder on all same/different-speaker trials of"
        + " a corpus split (cosine scoring of whole-utterance embeddings).")
public final class SpeakerEerCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;
    @Mixin
    RuntimeOptions runtime;
    @Mixin
    SpeakerEncoderSelection encoder;

    @Option(names = "--corpus", required = true, paramLabel = "DIR|MANIFEST", description = "corpus directory or manifest.jsonl")
    Path corpus;

    @Option(names = "--split", defaultValue = "test", paramLabel = "SPLIT",
            description = "train, dev or test (default test; a corpus' dev and test speakers are usually held out)")
    String split;

    @Option(names = {"-o", "--output"}, paramLabel = "OUT.json", description = "write the result as JSON")
    Path output;

    @Override
    public Integer call() {
        Path manifest = Files.isDirectory(corpus) ? corpus.resolve("manifest.jsonl") : corpus;
        Split s = Split.parse(split);
        List<CorpusEntry> entries = CorpusSpeakerVerification.entries(manifest, s);
        try (VoxtokRuntime rt = runtime.start(); ProgressBar bar = new ProgressBar(entries.size())) {
            SpeakerEncoder enc = encoder.create(rt);
            long t0 = System.nanoTime();
            CorpusSpeakerVerification.Result r = CorpusSpeakerVerification.evaluate(enc, entries,
                    n -> bar.step(entries.get(n - 1).id()));
            double seconds = (System.nanoTime() - t0) / 1e9;
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("manifest", manifest.toAbsolutePath().normalize().toString());
            json.put("split", s.name().toLowerCase(Locale.ROOT));
            json.put("encoder", enc.id().toString());
            json.put("encoder_description", enc.spec().description());
            json.put("embedding_dim", enc.spec().dimension());
            json.putAll(r.toJson());
            json.put("seconds", seconds);
            spec.commandLine().getOut().printf(Locale.ROOT, "EER %.4f (%.2f %%) on %d utterances of %d speakers, %d target "
                            + "and %d non-target trials; %s%n", r.eer().eer(), 100 * r.eer().eer(), r.utterances(),
                    r.speakers(), r.eer().targetTrials(), r.eer().nonTargetTrials(), enc.spec().description());
            if (output != null) {
                AtomicFiles.writeString(output, Json.write(json) + "\n");
                spec.commandLine().getOut().println("wrote " + output);
            }
        }
        return 0;
    }
}
