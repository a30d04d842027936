package io.voxtok.cli.command;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.voxtok.api.ComponentConfig;
import io.voxtok.api.VoxtokException;
import io.voxtok.api.audio.AudioBuffer;
import io.voxtok.api.lm.LanguageModel;
import io.voxtok.api.lm.SamplingParams;
import io.voxtok.api.speaker.SpeakerEncoder;
import io.voxtok.api.text.Transcriber;
import io.voxtok.api.token.Tokenizer;
import io.voxtok.audio.AudioReader;
import io.voxtok.audio.Resampler;
import io.voxtok.audio.WavWriter;
import io.voxtok.cli.support.LanguageModelSelection;
import io.voxtok.cli.support.RuntimeOptions;
import io.voxtok.cli.support.TokenizerSelection;
import io.voxtok.cli.tts.SamplingOptions;
import io.voxtok.cli.tts.TtsEvalPlan;
import io.voxtok.cli.tts.TtsEvalReport;
import io.voxtok.cli.tts.TtsEvalResult;
import io.voxtok.cli.tts.TtsEvalSummaryTable;
import io.voxtok.cli.tts.ZeroShotSynthesizer;
import io.voxtok.data.CorpusEntry;
import io.voxtok.data.ManifestDataset;
import io.voxtok.data.Split;
import io.voxtok.metrics.VoskTranscriber;
import io.voxtok.metrics.speaker.SpeakerTrials;
import io.voxtok.modelio.AtomicFiles;
import io.voxtok.runtime.VoxtokRuntime;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code voxtok lm eval-tts}: zero-shot TTS evaluation on held-out speakers (SPEC 6, VALL-E's cross-utterance
 * setting). For {@code --n} utterances of a corpus split ({@link TtsEvalPlan}: round-robin over speakers; the
 * prompt is another utterance of the same speaker, cut to {@code --prompt-seconds}) it synthesises the utterance's
 * text, transcribes the result and the original recording with the Vosk recogniser (WER/CER against the text, and
 * the recogniser's floor on the originals), and measures speaker similarity (cosine of speaker-encoder embeddings)
 * between prompt and generated speech, next to prompt and original recording. Each item is written as
 * {@code items/ID.json} with its WAV in {@code audio/}; a rerun with the same settings skips finished items, other
 * settings are refused. {@code report.json} and {@code report.md} are rewritten at the end.
 */
@Command(name = "eval-tts", description = {"Zero-shot TTS evaluation: synthesise held-out texts with prompts of "
        + "unseen speakers; recogniser WER/CER and speaker similarity; JSON + Markdown; resumable.",
        "Example: voxtok lm eval-tts --lm uslm-small -t speechtokenizer -m speechtokenizer-small "
                + "--corpus data/corpus-3h --split test --n 20 --speaker-encoder DIR -o eval/uslm-small"})
public final class LmEvalTtsCommand implements Callable<Integer> {
    private static final String NONE = "none";

    @Mixin
    RuntimeOptions runtime;
    @Mixin
    LanguageModelSelection lmSelection;
    @Mixin
    TokenizerSelection tokenizerSelection;
    @Mixin
    SamplingOptions sampling;

    @Option(names = "--corpus", required = true, paramLabel = "DIR|MANIFEST",
            description = "corpus directory (with manifest.jsonl) or manifest file; items need split, speaker, text")
    Path corpus;

    @Option(names = "--split", defaultValue = "test", paramLabel = "SPLIT",
            description = "split of targets and prompts (default test: speakers no model heard)")
    String split;

    @Option(names = "--n", defaultValue = "20", paramLabel = "N", description = "items (default 20)")
    int n;

    @Option(names = "--prompt-seconds", defaultValue = "3", paramLabel = "S", description = "prompt length (default 3 s)")
    double promptSeconds;

    @Option(names = "--speaker-encoder", defaultValue = "speaker-encoder", paramLabel = "NAME|DIR|none",
            description = "speaker encoder for similarity: a factory name (speaker-encoder, logmel-stats, ...; the "
                    + "shipped model of that name if any), a speaker-encoder model directory, or none")
    String speakerEncoder;

    @Option(names = "--no-asr", description = "skip speech recognition (no WER/CER)")
    boolean noAsr;

    @Option(names = "--summary-table", paramLabel = "FILE.md",
            description = "also add (or replace) this system's row in a Markdown table of several evaluations")
    Path summaryTable;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "DIR", description = "evaluation directory")
    Path output;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        Split s = Split.parse(split);
        Path manifest = Files.isDirectory(corpus) ? corpus.resolve("manifest.jsonl") : corpus;
        if (!Files.isRegularFile(manifest)) {
            throw VoxtokException.userInput("corpus " + corpus + " has no manifest.jsonl");
        }
        List<CorpusEntry> entries;
        try (Stream<CorpusEntry> st = new ManifestDataset(manifest).entries()) {
            entries = st.toList();
        }
        List<TtsEvalPlan.Item> plan = TtsEvalPlan.select(entries, s, n, promptSeconds);
        SamplingParams params = sampling.params();
        // EOS at the first step is an item's result here, not an error
        lmSelection.options.putIfAbsent("first-step-eos", "empty");
        Map<String, Object> settings = settings(manifest, s, params);
        Files.createDirectories(output.resolve("items"));
        Files.createDirectories(output.resolve("audio"));
        checkSettings(settings);
        java.io.PrintWriter err = spec.commandLine().getErr();
        List<TtsEvalResult> results = new ArrayList<>();
        Optional<Transcriber> asr = Optional.empty();
        try (VoxtokRuntime rt = runtime.start()) {
            Tokenizer tok = tokenizerSelection.create(rt);
            LanguageModel lm = lmSelection.create(rt);
            ZeroShotSynthesizer synth = new ZeroShotSynthesizer(lm, tok, promptSeconds);
            Optional<SpeakerEncoder> enc = speakerEncoder(rt);
            asr = noAsr ? Optional.empty() : Optional.of(VoskTranscriber.open());
            long start = System.nanoTime();
            int computed = 0;
            for (int i = 0; i < plan.size(); i++) {
                TtsEvalPlan.Item item = plan.get(i);
                Path itemFile = output.resolve("items").resolve(item.target().id() + ".json");
                TtsEvalResult r;
                if (Files.isRegularFile(itemFile)) {
                    r = new ObjectMapper().readValue(itemFile.toFile(), TtsEvalResult.class);
                } else {
                    r = evaluate(item, sampling.seed() + i, synth, tok, enc, asr);
                    AtomicFiles.writeString(itemFile, new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                            .writeValueAsString(r));
                    computed++;
                }
                results.add(r);
                double elapsed = (System.nanoTime() - start) / 1e9;
                int left = plan.size() - i - 1;
                String eta = computed == 0 ? "-" : duration(elapsed / computed * left);
                err.printf(Locale.ROOT, "[%d/%d] %s %s elapsed %s, ETA %s%n", i + 1, plan.size(), item.target().id(),
                        r.error() != null ? "FAILED (" + r.error() + ")" : String.format(Locale.ROOT, "%.2f s",
                                r.audioSeconds()), duration(elapsed), eta);
                err.flush();
            }
        } finally {
            asr.ifPresent(Transcriber::close);
        }
        TtsEvalReport report = TtsEvalReport.of(settings, results);
        report.write(output);
        if (summaryTable != null) {
            TtsEvalSummaryTable.update(summaryTable, report);
        }
        spec.commandLine().getOut().print(report.toMarkdown());
        spec.commandLine().getOut().printf("%nwrote %s and %s%n", output.resolve("report.json"), output.resolve("report.md"));
        spec.commandLine().getOut().flush();
        return 0;
    }

    private TtsEvalResult evaluate(TtsEvalPlan.Item item, long seed, ZeroShotSynthesizer synth, Tokenizer tok,
                                   Optional<SpeakerEncoder> enc, Optional<Transcriber> asr) {
        CorpusEntry t = item.target();
        CorpusEntry p = item.prompt();
        AudioBuffer prompt = synth.readPrompt(p.audioPath());
        AudioBuffer original = AudioReader.read(t.audioPath()).toMono();
        String originalHyp = asr.map(a -> a.transcribe(Resampler.resample(original, a.sampleRate()))).orElse(null);
        Double originalSim = enc.map(e -> similarity(e, prompt, original)).orElse(null);
        ZeroShotSynthesizer.Result r = synth.synthesizeOrEmpty(t.text(), prompt, p.text(), sampling.params(), seed);
        if (r.frames() > 0) {
            String rel = "audio/" + t.id() + ".wav";
            WavWriter.write(output.resolve(rel), r.audio());
            AudioBuffer mono = r.audio().toMono();
            String hyp = asr.map(a -> a.transcribe(Resampler.resample(mono, a.sampleRate()))).orElse(null);
            Double sim = null;
            String note = null;
            if (enc.isPresent()) {
                try {
                    sim = similarity(enc.get(), prompt, mono);
                } catch (VoxtokException e) {
                    // e.g. a few generated frames are shorter than the encoder's analysis window
                    note = "speaker similarity not measured: " + e.getMessage();
                }
            }
            return new TtsEvalResult(t.id(), t.speaker(), t.text(), p.id(), p.text(), prompt.seconds(),
                    item.promptCutInSpeech(), seed, rel, r.frames(), r.audio().seconds(), original.seconds(),
                    r.generateSeconds(), r.decodeSeconds(), hyp, originalHyp, sim, originalSim, null, note);
        }
        // A generation that ends before its first frame is a result (an empty transcript), not the end of the
        // evaluation; other errors (vocabulary, espeak-ng, incompatible models) stop it.
        return new TtsEvalResult(t.id(), t.speaker(), t.text(), p.id(), p.text(), prompt.seconds(),
                item.promptCutInSpeech(), seed, null, 0, 0, original.seconds(), r.generateSeconds(), 0,
                asr.isPresent() ? "" : null, originalHyp, null, originalSim, "no frame generated (EOS at the first step)",
                null);
    }

    private static double similarity(SpeakerEncoder e, AudioBuffer a, AudioBuffer b) {
        int rate = e.spec().sampleRate();
        return SpeakerTrials.cosine(e.embed(Resampler.resample(a.toMono(), rate).toArray()),
                e.embed(Resampler.resample(b.toMono(), rate).toArray()));
    }

    private Optional<SpeakerEncoder> speakerEncoder(VoxtokRuntime rt) {
        if (NONE.equalsIgnoreCase(speakerEncoder)) {
            return Optional.empty();
        }
        String factory = speakerEncoder;
        Path model;
        if (io.voxtok.runtime.model.ModelCatalog.isName(speakerEncoder)
                && rt.lookup().speakerEncoder(speakerEncoder).isPresent()) {
            model = RuntimeOptions.resolveModel(Path.of(speakerEncoder.split(":")[0]));
        } else {
            factory = "speaker-encoder";
            model = RuntimeOptions.resolveModel(Path.of(speakerEncoder));
            if (!Files.exists(model)) {
                throw VoxtokException.userInput("--speaker-encoder " + speakerEncoder + " is neither a speaker encoder "
                        + "name nor a model directory");
            }
        }
        Optional<Path> m = Files.exists(model) ? Optional.of(model) : Optional.empty();
        if (m.isEmpty() && factory.equals("speaker-encoder")) {
            throw VoxtokException.userInput("no speaker-encoder model is shipped here: pass --speaker-encoder DIR (a "
                    + "directory written by 'voxtok export --recipe speaker-encoder'), or --speaker-encoder none");
        }
        return Optional.of(rt.createSpeakerEncoder(factory, new ComponentConfig(Map.of(), m)));
    }

    private Map<String, Object> settings(Path manifest, Split s, SamplingParams p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("lm", lmSelection.describe());
        m.put("lm_type", lmSelection.componentName(lmSelection.modelDirectory()));
        m.put("lm_options", new LinkedHashMap<>(lmSelection.options));
        m.put("vocab", lmSelection.vocab == null ? null : lmSelection.vocab.toAbsolutePath().toString());
        m.put("tokenizer", tokenizerSelection.tokenizer);
        m.put("tokenizer_model", tokenizerSelection.model == null ? null : tokenizerSelection.model.toString());
        m.put("corpus", manifest.toAbsolutePath().normalize().toString());
        m.put("split", s.label());
        m.put("n", n);
        m.put("prompt_seconds", promptSeconds);
        m.put("sampling", String.format(Locale.ROOT, "top-k %d, top-p %s, temperature %s, max frames %s, seed %d + item",
                p.topK(), p.topP(), p.temperature(), p.maxFrames() == Integer.MAX_VALUE ? "cap" : p.maxFrames(),
                sampling.seed()));
        m.put("speaker_encoder", speakerEncoder);
        m.put("asr", noAsr ? "none" : "vosk-model-small-en-us");
        return m;
    }

    /** Writes the settings on the first run; refuses a directory evaluated with other settings. */
    private void checkSettings(Map<String, Object> settings) throws IOException {
        Path f = output.resolve("settings.json");
        ObjectMapper json = new ObjectMapper();
        String now = json.writerWithDefaultPrettyPrinter().writeValueAsString(settings);
        if (Files.isRegularFile(f)) {
            Map<?, ?> before = json.readValue(f.toFile(), Map.class);
            Map<?, ?> after = json.readValue(now, Map.class);
            if (!before.equals(after)) {
                List<String> diff = new ArrayList<>();
                for (Object k : after.keySet()) {
                    if (!java.util.Objects.equals(before.get(k), after.get(k))) {
                        diff.add(k + ": " + before.get(k) + " -> " + after.get(k));
                    }
                }
                throw VoxtokException.userInput(output + " holds an evaluation with other settings (" + String.join("; ", diff)
                        + "); use another -o directory");
            }
        } else {
            try {
                AtomicFiles.writeString(f, now);
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
        }
    }

    private static String duration(double seconds) {
        long s = Math.round(seconds);
        return String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, (s / 60) % 60, s % 60);
    }
}
