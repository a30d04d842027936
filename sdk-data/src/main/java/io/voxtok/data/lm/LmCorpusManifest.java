package io.voxtok.data.lm;

import java.util.Map;
import java.util.Objects;

/**
 * The {@code manifest.json} of a prepared LM token corpus, written last so that its presence means the corpus
 * is complete. Immutable.
 *
 * @param formatVersion   {@link #FORMAT_VERSION}
 * @param tokenizer       tokenizer name (e.g. {@code speechtokenizer})
 * @param variant         tokenizer variant
 * @param weightsHash     hash of the tokenizer weights ({@code none} for weightless ones)
 * @param model           the model argument the tokens were made with ({@code -m}), or empty
 * @param sampleRate      audio sample rate the tokenizer consumed
 * @param frameRate       code frames per second
 * @param layers          codebooks per frame
 * @param codebookSize    codes per layer
 * @param vocabulary      file name of the k2 symbol table, relative to the corpus folder
 * @param vocabularySize  number of text ids (specials included)
 * @param phonemizer      how the text was phonemized, e.g. {@code espeak-ng en-us (phonemizer semantics)}
 * @param corpus          absolute path of the source manifest
 * @param sdkVersion      version of the SDK that wrote it
 * @param splits          per split: {@code items}, {@code frames}, {@code seconds} and {@code index} (file name)
 */
public record LmCorpusManifest(int formatVersion, String tokenizer, String variant, String weightsHash, String model,
                               int sampleRate, double frameRate, int layers, int codebookSize, String vocabulary,
                               int vocabularySize, String phonemizer, String corpus, String sdkVersion,
                               Map<String, Map<String, Object>> splits) {
    /** The format this code writes and reads. */
    public static final int FORMAT_VERSION = 1;
    /** File name of the manifest inside the corpus folder. */
    public static final String FILE = "manifest.json";
    /** File name of the vocabulary inside the corpus folder. */
    public static final String VOCABULARY_FILE = "unique_text_tokens.k2symbols";

    /** Validates and copies. */
    public LmCorpusManifest {
        Objects.requireNonNull(tokenizer);
        Objects.requireNonNull(variant);
        Objects.requireNonNull(weightsHash);
        Objects.requireNonNull(model);
        Objects.requireNonNull(vocabulary);
        splits = Map.copyOf(splits);
    }
}
