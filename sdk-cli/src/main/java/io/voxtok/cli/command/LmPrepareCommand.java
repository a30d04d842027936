package io.voxtok.cli.command;

import io.voxtok.api.VoxtokException;
import io.voxtok.api.token.Tokenizer;
import io.voxtok.cli.VoxtokCli;
import io.voxtok.cli.support.RuntimeOptions;
import io.voxtok.cli.support.TokenizerSelection;
import io.voxtok.data.lm.LmCorpusManifest;
import io.voxtok.data.lm.LmPrepareListener;
import io.voxtok.data.lm.LmTokenCacheBuilder;
import io.voxtok.data.synth.ExternalTool;
import io.voxtok.data.text.EspeakPhonemizer;
import io.voxtok.runtime.VoxtokRuntime;
import io.voxtok.training.run.ProgressReporter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code voxtok lm prepare}: encodes a corpus once with a tokenizer and phonemizes its transcripts with espeak-ng,
 * into the token corpus a USLM / VALL-E trainer reads ({@link LmTokenCacheBuilder}). Rerunning with the same
 * arguments completes an interrupted run and returns at once for a finished one.
 */
@Command(name = "prepare", description = {"Encode a corpus (manifest.jsonl) with a tokenizer and phonemize its "
        + "transcripts (espeak-ng, the official USLM/VALL-E text front-end) into an LM token corpus: codes per "
        + "utterance, phoneme ids, k2 vocabulary, manifest.json.",
        "Resumable: rerun the same command after an interruption; finished utterances are kept."})
public final class LmPrepareCommand implements Callable<Integer> {
    @Mixin
    RuntimeOptions runtime;
    @Mixin
    TokenizerSelection selection;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--corpus", required = true, paramLabel = "DIR",
            description = "corpus folder holding manifest.jsonl (or the manifest file itself)")
    Path corpus;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "DIR", description = "output folder")
    Path output;

    @Option(names = "--vocab", paramLabel = "FILE",
            description = "use this unique_text_tokens.k2symbols (e.g. an official checkpoint's) instead of building "
                    + "one from the corpus")
    Path vocab;

    @Option(names = "--language", paramLabel = "LANG", description = "espeak-ng voice (default: ${DEFAULT-VALUE})")
    String language = EspeakPhonemizer.DEFAULT_LANGUAGE;

    @Option(names = "--espeak", paramLabel = "PROGRAM", description = "espeak-ng program (default: ${DEFAULT-VALUE})")
    String espeak = "espeak-ng";

    @Override
    public Integer call() {
        Path manifest = Files.isDirectory(corpus) ? corpus.resolve("manifest.jsonl") : corpus;
        if (!Files.isRegularFile(manifest)) {
            throw VoxtokException.userInput(manifest + ": corpus manifest not found (--corpus takes a folder with "
                    + "manifest.jsonl or the manifest file)");
        }
        EspeakPhonemizer phonemizer = new EspeakPhonemizer(new ExternalTool(espeak, "espeak-ng"), language);
        String version = VoxtokCli.class.getPackage().getImplementationVersion();
        String modelLabel = selection.model == null ? "" : RuntimeOptions.resolveModel(selection.model).toString();
        LmTokenCacheBuilder.Settings settings = new LmTokenCacheBuilder.Settings(manifest, output,
                Optional.ofNullable(vocab), modelLabel, version == null ? "0.1.0-SNAPSHOT" : version);
        long t0 = System.nanoTime();
        LmCorpusManifest result;
        try (VoxtokRuntime rt = runtime.start(); Progress progress = new Progress()) {
            Tokenizer tok = selection.create(rt);
            result = new LmTokenCacheBuilder(tok, phonemizer, "espeak-ng " + language
                    + " (phonemizer espeak backend semantics, punctuation kept, no stress)").build(settings, progress);
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        StringBuilder b = new StringBuilder();
        b.append(String.format("%s: %s:%s, %d layers x %d codes at %.2f frames/s, %d text ids; %.1f s%n",
                output.toAbsolutePath().normalize(), result.tokenizer(), result.variant(), result.layers(),
                result.codebookSize(), result.frameRate(), result.vocabularySize(), secs));
        result.splits().forEach((split, info) -> b.append(String.format("  %-5s %s utterances, %s frames, %s s%n", split,
                info.get("items"), info.get("frames"), info.get("seconds"))));
        spec.commandLine().getOut().print(b);
        spec.commandLine().getOut().flush();
        return 0;
    }

    /** A progress bar with ETA on stderr once the text pass is done. */
    private static final class Progress implements LmPrepareListener, AutoCloseable {
        private ProgressReporter reporter;

        @Override
        public void phonemized(int items) {
            reporter = ProgressReporter.forStderr(Math.max(1, items));
        }

        @Override
        public void encoded(int done, int total, int skipped, String lastId) {
            if (reporter != null) {
                reporter.update(done, Map.of("skipped", skipped));
            }
        }

        @Override
        public void close() {
            if (reporter != null) {
                reporter.close();
            }
        }
    }
}
