package io.voxtok.data.lm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.voxtok.api.VoxtokException;
import io.voxtok.data.Split;
import io.voxtok.data.text.TextVocabulary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A prepared LM token corpus read back (written by {@link LmTokenCacheBuilder}): the manifest, the vocabulary and
 * every split's entries, checked for consistency when opened (text ids against the vocabulary, counts against the
 * manifest); the codes are read per utterance by {@link #codes}, which checks their shape and range. Immutable and
 * thread-safe.
 */
public final class LmTokenCorpus {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path dir;
    private final LmCorpusManifest manifest;
    private final TextVocabulary vocabulary;
    private final Map<Split, List<LmTokenEntry>> entries;

    private LmTokenCorpus(Path dir, LmCorpusManifest manifest, TextVocabulary vocabulary,
                          Map<Split, List<LmTokenEntry>> entries) {
        this.dir = dir;
        this.manifest = manifest;
        this.vocabulary = vocabulary;
        this.entries = entries;
    }

    /**
     * Opens a prepared corpus folder.
     *
     * @throws VoxtokException naming the file when the folder is unfinished (no {@code manifest.json}), of another
     *                         format version, or inconsistent
     */
    public static LmTokenCorpus open(Path folder) {
        Path dir = folder.toAbsolutePath().normalize();
        Path mf = dir.resolve(LmCorpusManifest.FILE);
        if (!Files.isRegularFile(mf)) {
            throw VoxtokException.userInput(mf + ": not found; " + dir + " is not a finished LM token corpus (run "
                    + "'voxtok lm prepare' again with the same arguments to complete it)");
        }
        LmCorpusManifest m = parseManifest(LmTokenCacheBuilder.readJson(mf), mf);
        TextVocabulary vocab = TextVocabulary.read(dir.resolve(m.vocabulary()));
        if (vocab.size() != m.vocabularySize()) {
            throw VoxtokException.userInput(dir.resolve(m.vocabulary()) + ": " + vocab.size() + " ids but the manifest "
                    + "says " + m.vocabularySize());
        }
        Map<Split, List<LmTokenEntry>> all = new EnumMap<>(Split.class);
        for (Map.Entry<String, Map<String, Object>> s : m.splits().entrySet()) {
            Split split = Split.parse(s.getKey());
            Path index = dir.resolve(String.valueOf(s.getValue().get("index")));
            List<LmTokenEntry> list = readIndex(dir, index, split, vocab);
            Object items = s.getValue().get("items");
            if (!(items instanceof Number n) || n.intValue() != list.size()) {
                throw VoxtokException.userInput(index + ": " + list.size() + " utterances but the manifest says " + items);
            }
            all.put(split, List.copyOf(list));
        }
        return new LmTokenCorpus(dir, m, vocab, all);
    }

    private static List<LmTokenEntry> readIndex(Path dir, Path index, Split split, TextVocabulary vocab) {
        List<String> lines = LmTokenCacheBuilder.readLines(index);
        List<LmTokenEntry> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            String where = index + " line " + (i + 1);
            JsonNode o = LmTokenCacheBuilder.parse(lines.get(i), where);
            try {
                List<String> phonemes = new ArrayList<>();
                o.get("phonemes").forEach(n -> phonemes.add(n.asText()));
                JsonNode idsNode = o.get("text_ids");
                int[] ids = new int[idsNode.size()];
                for (int k = 0; k < ids.length; k++) {
                    ids[k] = idsNode.get(k).asInt();
                }
                if (!Arrays.equals(ids, vocab.encode(phonemes))) {
                    throw VoxtokException.userInput(where + ": text_ids do not match the phonemes under the vocabulary");
                }
                out.add(new LmTokenEntry(o.get("id").asText(), split, dir.resolve(o.get("codes").asText()),
                        o.get("text").asText(), o.get("speaker").asText(), o.get("duration").asDouble(),
                        o.get("frames").asInt(), phonemes, ids));
            } catch (NullPointerException | IllegalArgumentException e) {
                throw VoxtokException.userInput(where + ": malformed entry (" + e.getMessage() + ")");
            }
        }
        return out;
    }

    /** The folder. */
    public Path folder() {
        return dir;
    }

    /** The manifest. */
    public LmCorpusManifest manifest() {
        return manifest;
    }

    /** The phoneme vocabulary. */
    public TextVocabulary vocabulary() {
        return vocabulary;
    }

    /** Entries of one split, in corpus order (empty when the split has none). */
    public List<LmTokenEntry> entries(Split split) {
        return entries.getOrDefault(split, List.of());
    }

    /** Number of utterances over all splits. */
    public int size() {
        return entries.values().stream().mapToInt(List::size).sum();
    }

    /**
     * The codes of {@code e}, frame-major ({@code [t * layers + l]}), with {@code e.frames()} frames of
     * {@code manifest().layers()} layers.
     *
     * @throws VoxtokException naming the file when it is missing or of the wrong shape, type or range
     */
    public int[] codes(LmTokenEntry e) {
        if (!Files.isRegularFile(e.codesFile())) {
            throw VoxtokException.userInput(e.codesFile() + ": codes of utterance " + e.id() + " not found");
        }
        return CodesNpy.read(e.codesFile(), e.frames(), manifest.layers(), manifest.codebookSize());
    }

    static String manifestJson(LmCorpusManifest m) {
        ObjectNode o = JSON.createObjectNode();
        o.put("format", "voxtok-lm-tokens");
        o.put("format_version", m.formatVersion());
        ObjectNode t = o.putObject("tokenizer");
        t.put("name", m.tokenizer());
        t.put("variant", m.variant());
        t.put("weights_hash", m.weightsHash());
        t.put("model", m.model());
        o.put("sample_rate", m.sampleRate());
        o.put("frame_rate", m.frameRate());
        o.put("layers", m.layers());
        o.put("codebook_size", m.codebookSize());
        o.put("codes_layout", "codes/<split>/<id>.npy, shape (frames, layers)");
        o.put("vocabulary", m.vocabulary());
        o.put("vocabulary_size", m.vocabularySize());
        o.put("phonemizer", m.phonemizer());
        o.put("corpus", m.corpus());
        o.put("sdk_version", m.sdkVersion());
        o.set("splits", JSON.valueToTree(m.splits()));
        return o.toPrettyString() + "\n";
    }

    private static LmCorpusManifest parseManifest(JsonNode o, Path file) {
        int version = o.path("format_version").asInt(-1);
        if (!"voxtok-lm-tokens".equals(o.path("format").asText()) || version != LmCorpusManifest.FORMAT_VERSION) {
            throw VoxtokException.userInput(file + ": not a voxtok LM token corpus of format version "
                    + LmCorpusManifest.FORMAT_VERSION + " (format '" + o.path("format").asText() + "', version "
                    + version + ")");
        }
        try {
            JsonNode t = o.get("tokenizer");
            Map<String, Map<String, Object>> splits = new LinkedHashMap<>();
            o.get("splits").fields().forEachRemaining(en -> {
                Map<String, Object> info = new LinkedHashMap<>();
                en.getValue().fields().forEachRemaining(f -> info.put(f.getKey(),
                        f.getValue().isNumber() ? f.getValue().numberValue() : f.getValue().asText()));
                splits.put(en.getKey(), info);
            });
            return new LmCorpusManifest(version, t.get("name").asText(), t.get("variant").asText(),
                    t.get("weights_hash").asText(), t.get("model").asText(), o.get("sample_rate").asInt(),
                    o.get("frame_rate").asDouble(), o.get("layers").asInt(), o.get("codebook_size").asInt(),
                    o.get("vocabulary").asText(), o.get("vocabulary_size").asInt(), o.get("phonemizer").asText(),
                    o.get("corpus").asText(), o.get("sdk_version").asText(), splits);
        } catch (NullPointerException e) {
            throw VoxtokException.userInput(file + ": a required field is missing");
        }
    }
}
