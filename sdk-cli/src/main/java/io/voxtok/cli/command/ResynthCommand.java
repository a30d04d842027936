package io.voxtok.cli.command;

import io.voxtok.api.audio.AudioBuffer;
import io.voxtok.api.token.LayerRange;
import io.voxtok.api.token.TokenMatrix;
import io.voxtok.api.token.Tokenizer;
import io.voxtok.api.token.TokenizerSpec;
import io.voxtok.audio.AudioReader;
import io.voxtok.audio.WavWriter;
import io.voxtok.cli.support.BatchRun;
import io.voxtok.cli.support.DecodedAudioCheck;
import io.voxtok.cli.support.InputFiles;
import io.voxtok.cli.support.OutputPlan;
import io.voxtok.cli.support.ProgressBar;
import io.voxtok.cli.support.RuntimeOptions;
import io.voxtok.cli.support.TokenizerSelection;
import io.voxtok.modelio.OutputClaim;
import io.voxtok.runtime.VoxtokRuntime;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code voxtok resynth}: encode then decode, to hear what the tokens keep. */
@Command(name = "resynth", description = "Encode and decode audio (resynthesis) to WAV.")
public final class ResynthCommand implements Callable<Integer> {
    @Mixin
    RuntimeOptions runtime;
    @Mixin
    TokenizerSelection selection;

    @Option(names = "--n-q", paramLabel = "N", description = "number of leading layers kept (default all)")
    Integer nq;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT", description = "output file or directory")
    Path output;

    @Parameters(arity = "1..*", paramLabel = "IN", description = "audio files or directories")
    List<Path> inputs;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        OutputPlan plan = OutputPlan.of(InputFiles.expandRooted(inputs, InputFiles.AUDIO), output, "wav");
        plan.removeStaleTemporaries();
        BatchRun batch = new BatchRun(spec.commandLine().getErr(), runtime.verbose(), plan.size());
        // claimed before the model loads: another process writing one of these meanwhile keeps its file
        try (OutputClaim claim = plan.claim(); VoxtokRuntime rt = runtime.start();
             ProgressBar bar = new ProgressBar(spec.commandLine().getErr(), plan.size())) {
            Tokenizer tok = selection.create(rt);
            TokenizerSpec tokSpec = tok.spec();
            LayerRange layers = LayerRange.first(nq == null ? tokSpec.numLayers() : nq);
            for (int i = 0; i < plan.size(); i++) {
                Path f = plan.inputs().get(i).path();
                Path out = plan.output(i);
                boolean ok = batch.run(f, List.of(out), () -> {
                    AudioBuffer audio = AudioReader.readAs(f, tokSpec.sampleRate(), tokSpec.channels());
                    TokenMatrix codes = tok.encode(audio, layers, bar.within(f.getFileName().toString()));
                    AudioBuffer decoded = tok.decode(codes);
                    DecodedAudioCheck.requireFinite(decoded, f, tok);
                    WavWriter.write(out, decoded);
                });
                bar.step(f.getFileName() + (ok ? "" : " (failed)"));
            }
        }
        return batch.finish();
    }
}
