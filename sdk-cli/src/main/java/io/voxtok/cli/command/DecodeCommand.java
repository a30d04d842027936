package io.voxtok.cli.command;

import io.voxtok.api.VoxtokException;
import io.voxtok.api.audio.AudioBuffer;
import io.voxtok.api.token.TokenMatrix;
import io.voxtok.api.token.Tokenizer;
import io.voxtok.audio.WavWriter;
import io.voxtok.cli.support.BatchRun;
import io.voxtok.cli.support.DecodedAudioCheck;
import io.voxtok.cli.support.InputFiles;
import io.voxtok.cli.support.OutputPlan;
import io.voxtok.cli.support.ProgressBar;
import io.voxtok.cli.support.RuntimeOptions;
import io.voxtok.cli.support.TokenIo;
import io.voxtok.cli.support.TokenizerSelection;
import io.voxtok.modelio.OutputClaim;
import io.voxtok.runtime.VoxtokRuntime;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code voxtok decode}: token files to WAV. */
@Command(name = "decode", description = "Decode tokens (.vtok or .npy) to 16-bit WAV.")
public final class DecodeCommand implements Callable<Integer> {
    @Mixin
    RuntimeOptions runtime;
    @Mixin
    TokenizerSelection selection;

    @Option(names = "--start-layer", paramLabel = "S",
            description = "for .npy input only: RVQ index of its first layer (the official st); default 0")
    int startLayer;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT", description = "output file or directory")
    Path output;

    @Parameters(arity = "1..*", paramLabel = "IN", description = "token files or directories")
    List<Path> inputs;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        OutputPlan plan = OutputPlan.of(InputFiles.expandRooted(inputs, InputFiles.TOKENS), output, "wav");
        plan.removeStaleTemporaries();
        BatchRun batch = new BatchRun(spec.commandLine().getErr(), runtime.verbose(), plan.size());
        // claimed before the model loads: another process writing one of these meanwhile keeps its file
        try (OutputClaim claim = plan.claim(); VoxtokRuntime rt = runtime.start();
             ProgressBar bar = new ProgressBar(spec.commandLine().getErr(), plan.size())) {
            Tokenizer tok = selection.create(rt);
            for (int n = 0; n < plan.size(); n++) {
                Path f = plan.inputs().get(n).path();
                Path out = plan.output(n);
                boolean ok = batch.run(f, () -> writtenBy(out, plan), () -> {
                    TokenMatrix codes = TokenIo.read(f, tok, startLayer);
                    List<AudioBuffer> audio = tok.decodeBatch(codes);
                    for (AudioBuffer a : audio) {
                        DecodedAudioCheck.requireFinite(a, f, tok);
                    }
                    if (audio.size() == 1) {
                        WavWriter.write(out, audio.get(0));
                        return;
                    }
                    for (int i = 0; i < audio.size(); i++) {
                        Path item = batchItem(out, i);
                        if (plan.isPlanned(item)) {
                            throw VoxtokException.userInput(f + ": batch item " + i + " would be written to " + item
                                    + ", the output of another input");
                        }
                        WavWriter.write(item, audio.get(i));
                    }
                });
                bar.step(f.getFileName() + (ok ? "" : " (failed)"));
            }
        }
        return batch.finish();
    }

    /** Item {@code i} of a batch token file goes next to the planned output, numbered: {@code x_0.wav, x_1.wav}. */
    private static Path batchItem(Path out, int i) {
        return out.resolveSibling(InputFiles.stem(out) + "_" + i + ".wav");
    }

    /** What an input may have written: its planned output and numbered batch items that no other input plans. */
    private static List<Path> writtenBy(Path out, OutputPlan plan) {
        List<Path> files = new ArrayList<>();
        files.add(out);
        Pattern item = Pattern.compile(Pattern.quote(InputFiles.stem(out)) + "_[0-9]+\\.wav");
        Path dir = out.toAbsolutePath().getParent();
        if (Files.isDirectory(dir)) {
            try (Stream<Path> s = Files.list(dir)) {
                s.filter(p -> item.matcher(p.getFileName().toString()).matches()).filter(p -> !plan.isPlanned(p))
                        .sorted().forEach(files::add);
            } catch (IOException e) {
                // only the planned output can be cleaned then; the failure line still names the input
            }
        }
        return files;
    }
}
