package io.voxtok.data.lm;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.voxtok.api.VoxtokException;
import io.voxtok.data.Split;
import io.voxtok.data.text.TextVocabulary;
import io.voxtok.modelio.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Writes an LM token corpus in the layout {@link LmTokenCorpus} reads from utterances whose phonemes and codes the
 * caller already has (codes from another tool, synthetic data for tests): {@code codes/SPLIT/ID.npy},
 * {@code SPLIT.jsonl}, the vocabulary built from every phoneme, and {@code manifest.json} last, so the folder only
 * counts as finished when everything is there. Every file is written atomically. Stateless.
 */
public final class LmTokenCorpusWriter {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * One utterance.
     *
     * @param id       utterance id (a plain file name)
     * @param speaker  speaker label
     * @param text     the text
     * @param phonemes phoneme symbols (word separator {@code _} included as the official front-end has it)
     * @param codes    {@code codes[layer][frame]}
     */
    public record Utterance(String id, String speaker, String text, List<String> phonemes, int[][] codes) {
        /** Copies the phonemes. */
        public Utterance {
            Objects.requireNonNull(id);
            phonemes = List.copyOf(phonemes);
        }
    }

    /**
     * Where the codes came from.
     *
     * @param tokenizer    tokenizer name
     * @param weightsHash  its weights hash (or {@code none})
     * @param frameRate    frames per second
     * @param layers       codebooks per frame
     * @param codebookSize codes per codebook
     */
    public record Source(String tokenizer, String weightsHash, double frameRate, int layers, int codebookSize) {
    }

    private LmTokenCorpusWriter() {
    }

    /**
     * Writes the corpus into {@code dir} (created).
     *
     * @return the manifest written
     * @throws VoxtokException naming the utterance whose codes do not fit the source's layers or codebook
     */
    public static LmCorpusManifest write(Path dir, Source source, Map<Split, List<Utterance>> splits) {
        TreeSet<String> symbols = new TreeSet<>();
        splits.values().forEach(l -> l.forEach(u -> symbols.addAll(u.phonemes())));
        TextVocabulary vocab = TextVocabulary.fromSymbols(symbols);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw VoxtokException.userInput("cannot create " + dir + ": " + e.getMessage());
        }
        vocab.write(dir.resolve(LmCorpusManifest.VOCABULARY_FILE));
        Map<String, Map<String, Object>> info = new LinkedHashMap<>();
        for (Split split : Split.values()) {
            List<Utterance> list = splits.getOrDefault(split, List.of());
            if (list.isEmpty()) {
                continue;
            }
            StringBuilder b = new StringBuilder();
            long frames = 0;
            double seconds = 0;
            for (Utterance u : list) {
                if (u.codes().length != source.layers()) {
                    throw VoxtokException.userInput("utterance " + u.id() + " has " + u.codes().length
                            + " layers of codes, the source says " + source.layers());
                }
                int f = u.codes()[0].length;
                for (int[] layer : u.codes()) {
                    for (int c : layer) {
                        if (layer.length != f || c < 0 || c >= source.codebookSize()) {
                            throw VoxtokException.userInput("utterance " + u.id() + ": ragged layers or a code outside [0, "
                                    + source.codebookSize() + ")");
                        }
                    }
                }
                String rel = LmCorpusFiles.codesFile(split, u.id());
                Path file = dir.resolve(rel);
                try {
                    Files.createDirectories(file.getParent());
                } catch (IOException e) {
                    throw VoxtokException.userInput("cannot create " + file.getParent() + ": " + e.getMessage());
                }
                CodesNpy.write(file, u.codes(), source.codebookSize());
                double d = f / source.frameRate();
                ObjectNode o = JSON.createObjectNode();
                o.put("id", u.id());
                o.put("codes", rel);
                o.put("text", u.text());
                o.put("speaker", u.speaker());
                o.put("duration", d);
                o.put("frames", f);
                ArrayNode pa = o.putArray("phonemes");
                u.phonemes().forEach(pa::add);
                ArrayNode ia = o.putArray("text_ids");
                for (int id : vocab.encode(u.phonemes())) {
                    ia.add(id);
                }
                b.append(o).append('\n');
                frames += f;
                seconds += d;
            }
            AtomicFiles.writeString(dir.resolve(LmCorpusFiles.index(split)), b.toString());
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("items", list.size());
            s.put("frames", frames);
            s.put("seconds", Math.round(seconds * 1000) / 1000.0);
            s.put("index", LmCorpusFiles.index(split));
            info.put(split.label(), s);
        }
        LmCorpusManifest m = new LmCorpusManifest(LmCorpusManifest.FORMAT_VERSION, source.tokenizer(), "default",
                source.weightsHash(), "", 16000, source.frameRate(), source.layers(), source.codebookSize(),
                LmCorpusManifest.VOCABULARY_FILE, vocab.size(), "given phonemes (LmTokenCorpusWriter)", "",
                "unknown", info);
        AtomicFiles.writeString(dir.resolve(LmCorpusManifest.FILE), LmTokenCorpus.manifestJson(m));
        return m;
    }
}
