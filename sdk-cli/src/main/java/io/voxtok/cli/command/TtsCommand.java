package io.voxtok.cli.command;

import io.voxtok.api.lm.LanguageModel;
import io.voxtok.api.token.Tokenizer;
import io.voxtok.audio.WavWriter;
import io.voxtok.cli.support.LanguageModelSelection;
import io.voxtok.cli.support.RuntimeOptions;
import io.voxtok.cli.support.TokenizerSelection;
import io.voxtok.cli.tts.SamplingOptions;
import io.voxtok.cli.tts.ZeroShotSynthesizer;
import io.voxtok.runtime.VoxtokRuntime;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code voxtok tts}: zero-shot text-to-speech from a short prompt recording and its transcript, with a USLM /
 * VALL-E language model and its tokenizer (see {@link ZeroShotSynthesizer}). The WAV is written atomically.
 */
@Command(name = "tts", description = {"Zero-shot text-to-speech: speak TEXT in the voice of a 3 s prompt recording "
        + "with a USLM / VALL-E language model and its tokenizer.",
        "Example: voxtok tts --lm uslm-small -t speechtokenizer -m speechtokenizer-small --text \"Hello there.\" "
                + "--prompt p.wav --prompt-text \"What the prompt says.\" -o out.wav",
        "Needs espeak-ng (sudo apt-get install espeak-ng)."})
public final class TtsCommand implements Callable<Integer> {
    @Mixin
    RuntimeOptions runtime;
    @Mixin
    LanguageModelSelection lmSelection;
    @Mixin
    TokenizerSelection tokenizerSelection;
    @Mixin
    SamplingOptions sampling;

    @Option(names = "--text", required = true, paramLabel = "TEXT", description = "text to speak")
    String text;

    @Option(names = "--prompt", required = true, paramLabel = "PROMPT.wav",
            description = "prompt recording (WAV or FLAC, any rate and channels: resampled and mixed to the "
                    + "tokenizer's; cut to --prompt-seconds)")
    Path prompt;

    @Option(names = "--prompt-text", required = true, paramLabel = "TEXT", description = "transcript of the prompt")
    String promptText;

    @Option(names = "--prompt-seconds", defaultValue = "3", paramLabel = "S",
            description = "prompt length kept (default 3 s)")
    double promptSeconds;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT.wav", description = "output WAV")
    Path output;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        long t0 = System.nanoTime();
        try (VoxtokRuntime rt = runtime.start()) {
            Tokenizer tok = tokenizerSelection.create(rt);
            LanguageModel lm = lmSelection.create(rt);
            ZeroShotSynthesizer synth = new ZeroShotSynthesizer(lm, tok, promptSeconds);
            ZeroShotSynthesizer.Result r = synth.synthesize(text, synth.readPrompt(prompt), promptText,
                    sampling.params(), sampling.seed());
            WavWriter.write(output, r.audio());
            PrintWriter out = spec.commandLine().getOut();
            out.printf(Locale.ROOT, "prompt %.2f s (%d frames); generated %d frames = %.2f s of audio in %.2f s "
                            + "(LM %.2f s, decode %.2f s; total %.2f s) -> %s%n", r.promptAudioSeconds(), r.promptFrames(),
                    r.frames(), r.audio().seconds(), r.generateSeconds() + r.decodeSeconds(), r.generateSeconds(),
                    r.decodeSeconds(), (System.nanoTime() - t0) / 1e9, output);
            out.flush();
        }
        return 0;
    }
}
