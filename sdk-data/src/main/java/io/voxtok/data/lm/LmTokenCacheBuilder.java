package io.voxtok.data.lm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.voxtok.api.ErrorKind;
import io.voxtok.api.VoxtokException;
import io.voxtok.api.audio.AudioBuffer;
import io.voxtok.api.token.TokenMatrix;
import io.voxtok.api.token.TokenProducer;
import io.voxtok.api.token.Tokenizer;
import io.voxtok.api.token.TokenizerSpec;
import io.voxtok.data.CorpusEntry;
import io.voxtok.data.ManifestDataset;
import io.voxtok.data.Split;
import io.voxtok.data.UtteranceLoader;
import io.voxtok.data.text.Phonemizer;
import io.voxtok.data.text.TextVocabulary;
import io.voxtok.modelio.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Prepares the token corpus a speech language model trains on: for every utterance of a corpus manifest, the
 * codes of all the tokenizer's layers ({@link CodesNpy}, one file per utterance), the phonemes and their ids,
 * the transcript, speaker, duration and frame count (layout in {@link LmCorpusFiles}).
 *
 * <p>Computed once and resumable: a finished corpus ({@code manifest.json} present, same tokenizer and corpus)
 * is returned as it is; an unfinished one continues where it stopped. Every file is written atomically, codes
 * files already present are not encoded again, the text pass is stored as a whole ({@code phonemes.jsonl}), the
 * per-split indexes and finally the manifest are written after every utterance is encoded. The settings of an
 * unfinished run are kept in {@code prepare.json}; resuming with another tokenizer, weights or corpus is refused
 * instead of mixing tokens.
 */
public final class LmTokenCacheBuilder {
    private static final Logger LOG = LoggerFactory.getLogger(LmTokenCacheBuilder.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Tokenizer tokenizer;
    private final Phonemizer phonemizer;
    private final String phonemizerDescription;

    /**
     * What to prepare.
     *
     * @param corpusManifest the corpus' {@code manifest.jsonl}
     * @param output         the folder to fill
     * @param vocabulary     an existing k2 symbol table to use (an official checkpoint's), or empty to build one
     *                       from the corpus
     * @param modelLabel     the tokenizer model argument, recorded in the manifest ("" when none)
     * @param sdkVersion     recorded in the manifest
     */
    public record Settings(Path corpusManifest, Path output, Optional<Path> vocabulary, String modelLabel,
                           String sdkVersion) {
        /** Validates. */
        public Settings {
            Objects.requireNonNull(corpusManifest);
            Objects.requireNonNull(output);
            Objects.requireNonNull(vocabulary);
            Objects.requireNonNull(modelLabel);
            Objects.requireNonNull(sdkVersion);
        }
    }

    /**
     * @param tokenizer             makes the codes (all its layers)
     * @param phonemizer            makes the phoneme tokens
     * @param phonemizerDescription recorded in the manifest, e.g. {@code espeak-ng en-us}
     */
    public LmTokenCacheBuilder(Tokenizer tokenizer, Phonemizer phonemizer, String phonemizerDescription) {
        this.tokenizer = Objects.requireNonNull(tokenizer);
        this.phonemizer = Objects.requireNonNull(phonemizer);
        this.phonemizerDescription = Objects.requireNonNull(phonemizerDescription);
    }

    /**
     * Prepares (or completes) the corpus and returns its manifest.
     *
     * @throws VoxtokException naming the file for a bad corpus manifest, an undecodable audio file, an unknown
     *                         phoneme, or an output folder that holds another preparation
     */
    public LmCorpusManifest build(Settings s, LmPrepareListener listener) {
        Path out = s.output().toAbsolutePath().normalize();
        Path corpus = s.corpusManifest().toAbsolutePath().normalize();
        ObjectNode settings = settingsJson(corpus, s);
        Path manifestFile = out.resolve(LmCorpusManifest.FILE);
        if (Files.isRegularFile(manifestFile)) {
            LmTokenCorpus done = LmTokenCorpus.open(out);
            requireSameSettings(manifestFile, done.manifest(), corpus);
            LOG.info("{} is already prepared ({} utterances); nothing to do", out, done.size());
            return done.manifest();
        }
        Path prepare = out.resolve(LmCorpusFiles.PREPARE);
        if (Files.isRegularFile(prepare)) {
            JsonNode previous = readJson(prepare);
            if (!previous.equals(settings)) {
                throw VoxtokException.userInput(prepare + ": this folder holds an unfinished preparation with other "
                        + "settings (" + previous + ", now " + settings + "); use another output folder or delete it");
            }
            LOG.info("resuming the unfinished preparation in {}", out);
        } else {
            AtomicFiles.writeString(prepare, settings.toPrettyString() + "\n");
        }

        List<CorpusEntry> entries = readCorpus(corpus);
        Map<String, List<String>> phonemes = phonemizeAll(out, entries);
        listener.phonemized(entries.size());
        TextVocabulary vocab = vocabulary(out, s.vocabulary(), entries, phonemes);

        TokenizerSpec spec = tokenizer.spec();
        UtteranceLoader loader = UtteranceLoader.failing(spec.sampleRate(), spec.channels());
        Map<String, Double> durations = new HashMap<>();
        int skipped = 0;
        int done = 0;
        for (CorpusEntry e : entries) {
            Path codes = out.resolve(LmCorpusFiles.codesFile(e.split(), e.id()));
            if (Files.isRegularFile(codes)) {
                skipped++;
            } else {
                AudioBuffer audio = loader.loadOne(e).audio();
                if (e.duration().isEmpty()) {
                    durations.put(e.id(), audio.frames() / (double) spec.sampleRate());
                }
                TokenMatrix m;
                try {
                    m = tokenizer.encode(audio);
                } catch (VoxtokException | IllegalArgumentException x) {
                    throw new VoxtokException(ErrorKind.USER_INPUT, e.audioPath() + " (utterance " + e.id()
                            + "): cannot encode: " + x.getMessage(), x);
                }
                CodesNpy.write(codes, m.itemCodes(0), spec.codebookSize());
            }
            done++;
            listener.encoded(done, entries.size(), skipped, e.id());
        }
        if (skipped > 0) {
            LOG.info("{} of {} utterances were already encoded and were kept", skipped, entries.size());
        }
        Map<String, Map<String, Object>> splits = writeIndexes(out, entries, phonemes, vocab, loader, durations);
        LmCorpusManifest manifest = new LmCorpusManifest(LmCorpusManifest.FORMAT_VERSION, tokenizer.producer().name(),
                tokenizer.producer().variant(), tokenizer.producer().weightsHash(), s.modelLabel(), spec.sampleRate(),
                spec.frameRate(), spec.numLayers(), spec.codebookSize(), LmCorpusManifest.VOCABULARY_FILE, vocab.size(),
                phonemizerDescription, corpus.toString(), s.sdkVersion(), splits);
        AtomicFiles.writeString(manifestFile, LmTokenCorpus.manifestJson(manifest));
        try {
            Files.deleteIfExists(prepare);
        } catch (IOException e) {
            LOG.warn("could not delete {}: {}", prepare, e.toString());
        }
        // read back what was written: checks the whole folder once and returns the manifest as readers see it
        return LmTokenCorpus.open(out).manifest();
    }

    private ObjectNode settingsJson(Path corpus, Settings s) {
        TokenProducer p = tokenizer.producer();
        ObjectNode o = JSON.createObjectNode();
        o.put("tokenizer", p.name());
        o.put("variant", p.variant());
        o.put("weights_hash", p.weightsHash());
        o.put("layers", tokenizer.spec().numLayers());
        o.put("corpus", corpus.toString());
        o.put("vocabulary", s.vocabulary().map(v -> v.toAbsolutePath().normalize().toString()).orElse(""));
        o.put("phonemizer", phonemizerDescription);
        return o;
    }

    private void requireSameSettings(Path file, LmCorpusManifest m, Path corpus) {
        TokenProducer p = tokenizer.producer();
        if (!m.tokenizer().equals(p.name()) || !m.variant().equals(p.variant()) || !m.weightsHash().equals(p.weightsHash())
                || !m.corpus().equals(corpus.toString())) {
            throw VoxtokException.userInput(file + ": this folder already holds tokens of " + m.tokenizer() + ":"
                    + m.variant() + " (weights " + m.weightsHash() + ") for " + m.corpus() + ", not of " + p + " for "
                    + corpus + "; use another output folder");
        }
    }

    private static List<CorpusEntry> readCorpus(Path corpus) {
        if (!Files.isRegularFile(corpus)) {
            throw VoxtokException.userInput(corpus + ": corpus manifest not found");
        }
        List<CorpusEntry> entries;
        try (Stream<CorpusEntry> st = new ManifestDataset(corpus).entries()) {
            entries = st.toList();
        }
        if (entries.isEmpty()) {
            throw VoxtokException.userInput(corpus + ": the corpus has no utterances");
        }
        Set<String> ids = new HashSet<>();
        for (CorpusEntry e : entries) {
            if (!ids.add(e.id())) {
                throw VoxtokException.userInput(corpus + ": utterance id '" + e.id() + "' occurs twice");
            }
        }
        return entries;
    }

    /** The text pass: reuses {@code phonemes.jsonl} when it covers the corpus, else phonemizes and stores it. */
    private Map<String, List<String>> phonemizeAll(Path out, List<CorpusEntry> entries) {
        Path file = out.resolve(LmCorpusFiles.PHONEMES);
        Map<String, List<String>> stored = Files.isRegularFile(file) ? readPhonemes(file) : Map.of();
        Map<String, List<String>> result = new LinkedHashMap<>();
        int computed = 0;
        long t0 = System.nanoTime();
        for (CorpusEntry e : entries) {
            List<String> p = stored.get(e.id());
            if (p == null) {
                p = phonemizer.phonemize(e.text());
                computed++;
                if (computed % 500 == 0) {
                    LOG.info("phonemized {} of {} transcripts ({} s)", computed, entries.size(),
                            (System.nanoTime() - t0) / 1_000_000_000L);
                }
            }
            result.put(e.id(), p);
        }
        if (computed > 0 || stored.size() != result.size()) {
            StringBuilder b = new StringBuilder();
            for (Map.Entry<String, List<String>> en : result.entrySet()) {
                ObjectNode o = JSON.createObjectNode();
                o.put("id", en.getKey());
                ArrayNode a = o.putArray("phonemes");
                en.getValue().forEach(a::add);
                b.append(o).append('\n');
            }
            AtomicFiles.writeString(file, b.toString());
            LOG.info("phonemized {} transcripts in {} s", computed, (System.nanoTime() - t0) / 1_000_000_000L);
        }
        return result;
    }

    private static Map<String, List<String>> readPhonemes(Path file) {
        Map<String, List<String>> m = new HashMap<>();
        List<String> lines = readLines(file);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            JsonNode o = parse(lines.get(i), file + " line " + (i + 1));
            if (!o.path("id").isTextual() || !o.path("phonemes").isArray()) {
                throw VoxtokException.userInput(file + " line " + (i + 1) + ": expected {\"id\", \"phonemes\"}; delete "
                        + "the file to phonemize again");
            }
            List<String> p = new ArrayList<>();
            o.get("phonemes").forEach(n -> p.add(n.asText()));
            m.put(o.get("id").asText(), p);
        }
        return m;
    }

    private TextVocabulary vocabulary(Path out, Optional<Path> given, List<CorpusEntry> entries,
                                      Map<String, List<String>> phonemes) {
        Path target = out.resolve(LmCorpusManifest.VOCABULARY_FILE);
        TextVocabulary vocab;
        if (given.isPresent()) {
            vocab = TextVocabulary.read(given.get());
            LOG.info("using the vocabulary {} ({} ids)", given.get(), vocab.size());
        } else {
            Set<String> symbols = new TreeSet<>();
            phonemes.values().forEach(symbols::addAll);
            vocab = TextVocabulary.fromSymbols(symbols);
            LOG.info("built a vocabulary of {} phoneme symbols ({} ids)", symbols.size(), vocab.size());
        }
        for (CorpusEntry e : entries) {
            for (String sym : phonemes.get(e.id())) {
                if (!vocab.contains(sym)) {
                    throw VoxtokException.userInput("utterance " + e.id() + " (\"" + e.text() + "\"): " + "phoneme symbol '"
                            + sym + "' is not in the vocabulary " + given.map(Path::toString).orElse(""));
                }
            }
        }
        if (!Files.isRegularFile(target) || !TextVocabulary.read(target).equals(vocab)) {
            vocab.write(target);
        }
        return vocab;
    }

    private Map<String, Map<String, Object>> writeIndexes(Path out, List<CorpusEntry> entries,
                                                          Map<String, List<String>> phonemes, TextVocabulary vocab,
                                                          UtteranceLoader loader, Map<String, Double> durations) {
        TokenizerSpec spec = tokenizer.spec();
        Map<String, Map<String, Object>> splits = new LinkedHashMap<>();
        for (Split split : Split.values()) {
            StringBuilder b = new StringBuilder();
            int items = 0;
            long frames = 0;
            double seconds = 0;
            for (CorpusEntry e : entries) {
                if (e.split() != split) {
                    continue;
                }
                String rel = LmCorpusFiles.codesFile(split, e.id());
                int f = CodesNpy.frames(out.resolve(rel), spec.numLayers(), spec.codebookSize());
                double d = durations.computeIfAbsent(e.id(), id -> duration(e, loader, spec));
                List<String> p = phonemes.get(e.id());
                ObjectNode o = JSON.createObjectNode();
                o.put("id", e.id());
                o.put("codes", rel);
                o.put("text", e.text());
                o.put("speaker", e.speaker());
                o.put("duration", d);
                o.put("frames", f);
                ArrayNode pa = o.putArray("phonemes");
                p.forEach(pa::add);
                ArrayNode ia = o.putArray("text_ids");
                for (int id : vocab.encode(p)) {
                    ia.add(id);
                }
                b.append(o).append('\n');
                items++;
                frames += f;
                seconds += d;
            }
            if (items > 0) {
                AtomicFiles.writeString(out.resolve(LmCorpusFiles.index(split)), b.toString());
                Map<String, Object> info = new LinkedHashMap<>();
                info.put("items", items);
                info.put("frames", frames);
                info.put("seconds", Math.round(seconds * 1000) / 1000.0);
                info.put("index", LmCorpusFiles.index(split));
                splits.put(split.label(), info);
            }
        }
        return splits;
    }

    /**
     * Duration of an utterance encoded by an earlier run: the manifest's when it gives one, else from the audio
     * (decoded again; only items of a resumed run without durations in the manifest pay this).
     */
    private static double duration(CorpusEntry e, UtteranceLoader loader, TokenizerSpec spec) {
        if (e.duration().isPresent()) {
            return e.duration().getAsDouble();
        }
        return loader.loadOne(e).audio().frames() / (double) spec.sampleRate();
    }

    static JsonNode readJson(Path file) {
        return parse(String.join("\n", readLines(file)), file.toString());
    }

    static JsonNode parse(String text, String where) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw VoxtokException.userInput(where + ": malformed JSON: " + e.getOriginalMessage());
        }
    }

    static List<String> readLines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new VoxtokException(ErrorKind.USER_INPUT, file + ": cannot read: " + e, e);
        }
    }
}
