package io.voxtok.cli.tts;

import io.voxtok.api.VoxtokException;
import io.voxtok.api.audio.AudioBuffer;
import io.voxtok.api.lm.GenerationRequest;
import io.voxtok.api.lm.LanguageModel;
import io.voxtok.api.lm.SamplingParams;
import io.voxtok.api.token.TokenMatrix;
import io.voxtok.api.token.Tokenizer;
import io.voxtok.api.token.TokenizerSpec;
import io.voxtok.audio.AudioReader;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Zero-shot text-to-speech with a speech language model and the tokenizer whose codes it reads and writes (SPEC
 * 6.5, {@code bin/infer.py}): the prompt recording is read at the tokenizer's rate and channels (resampled and
 * mixed down as needed), cut to its first {@code promptSeconds}, encoded with all layers; the model phonemizes
 * {@code "<prompt text> <text>"} and generates RVQ-1 autoregressively and the other layers non-autoregressively;
 * the tokenizer decodes the generated frames (the prompt is not part of the output). Checks that the tokenizer and
 * the model agree on the number of codebooks before any work. Not thread-safe (one synthesis at a time).
 */
public final class ZeroShotSynthesizer {
    private final LanguageModel lm;
    private final Tokenizer tokenizer;
    private final double promptSeconds;

    /**
     * @param lm            the language model (with a text vocabulary)
     * @param tokenizer     its tokenizer
     * @param promptSeconds prompt length kept (longer prompts are cut), {@code > 0}
     * @throws VoxtokException when the two disagree on the number of codebooks
     */
    public ZeroShotSynthesizer(LanguageModel lm, Tokenizer tokenizer, double promptSeconds) {
        if (!(promptSeconds > 0)) {
            throw VoxtokException.userInput("the prompt length must be positive, got " + promptSeconds + " s");
        }
        this.lm = lm;
        this.tokenizer = tokenizer;
        this.promptSeconds = promptSeconds;
        int lmLayers = lm.spec().arLayers() + lm.spec().narLayers();
        TokenizerSpec ts = tokenizer.spec();
        if (ts.numLayers() < lmLayers) {
            throw VoxtokException.userInput("incompatible tokenizer and language model: " + tokenizer.id() + " has "
                    + ts.numLayers() + " codebooks of " + ts.codebookSize() + " codes, " + lm.id() + " generates "
                    + lmLayers + " codebooks");
        }
    }

    /** One synthesis: the audio (null when no frame was generated) and what it took. */
    public record Result(AudioBuffer audio, int promptFrames, int frames, double promptAudioSeconds,
                         double generateSeconds, double decodeSeconds) {
    }

    /**
     * Reads the prompt recording at the tokenizer's rate, cut to the prompt length.
     *
     * @throws VoxtokException naming the file when it cannot be read or holds no audio
     */
    public AudioBuffer readPrompt(Path wav) {
        TokenizerSpec ts = tokenizer.spec();
        AudioBuffer audio = AudioReader.readAs(wav, ts.sampleRate(), ts.channels());
        if (audio.frames() == 0) {
            throw VoxtokException.userInput(wav + ": the prompt holds no audio");
        }
        if (audio.hasNonFinite()) {
            throw VoxtokException.userInput(wav + ": the prompt has NaN or infinite samples");
        }
        int keep = (int) Math.min(audio.frames(), Math.round(promptSeconds * ts.sampleRate()));
        return keep < audio.frames() ? audio.slice(0, keep) : audio;
    }

    /**
     * Synthesises {@code text} in the voice of the prompt.
     *
     * @param text       what to say
     * @param prompt     the prompt audio (from {@link #readPrompt})
     * @param promptText the prompt's transcript
     * @param sampling   AR sampling settings
     * @param seed       sampling seed
     * @throws VoxtokException on incompatible models, text the vocabulary cannot express, or an empty generation
     */
    public Result synthesize(String text, AudioBuffer prompt, String promptText, SamplingParams sampling, long seed) {
        Result r = synthesizeOrEmpty(text, prompt, promptText, sampling, seed);
        if (r.frames() == 0) {
            throw VoxtokException.userInput(lm.id() + " generated no frames (EOS at the first step)");
        }
        return r;
    }

    /**
     * Like {@link #synthesize}, but a generation that stops before its first frame (a model with the
     * {@code first-step-eos=empty} option) gives a result with 0 frames and no audio instead of an error.
     */
    public Result synthesizeOrEmpty(String text, AudioBuffer prompt, String promptText, SamplingParams sampling,
                                    long seed) {
        if (text.isBlank()) {
            throw VoxtokException.userInput("the text to synthesise is empty");
        }
        int lmLayers = lm.spec().arLayers() + lm.spec().narLayers();
        TokenMatrix promptTokens = tokenizer.encode(prompt, io.voxtok.api.token.LayerRange.first(lmLayers));
        long t0 = System.nanoTime();
        TokenMatrix generated = lm.generate(new GenerationRequest(text, Optional.of(promptText),
                Optional.of(promptTokens), sampling, seed));
        long t1 = System.nanoTime();
        if (generated.frames() == 0) {
            return new Result(null, promptTokens.frames(), 0, prompt.seconds(), (t1 - t0) / 1e9, 0);
        }
        // The language model may label its output with its own nominal frame rate; the tokenizer decodes it.
        TokenMatrix forDecoder = TokenMatrix.of(generated.toArray(), generated.layers(), 1, generated.frames(),
                generated.firstLayer(), generated.codebookSize(), tokenizer.spec().frameRate(),
                new int[] {generated.frames()}, promptTokens.producer());
        AudioBuffer audio = tokenizer.decode(forDecoder);
        long t2 = System.nanoTime();
        return new Result(audio, promptTokens.frames(), generated.frames(), prompt.seconds(), (t1 - t0) / 1e9,
                (t2 - t1) / 1e9);
    }
}
