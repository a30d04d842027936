package io.voxtok.data.lm;

import io.voxtok.data.Split;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HexFormat;

/**
 * Names of the files inside a prepared LM token corpus folder:
 *
 * <pre>
 * manifest.json                    written last: the corpus is complete
 * unique_text_tokens.k2symbols     the phoneme vocabulary (official k2 format)
 * phonemes.jsonl                   text pass: {"id", "phonemes"} per utterance, in corpus order
 * prepare.json                     settings of an unfinished preparation (checked when resuming)
 * train.jsonl, dev.jsonl, test.jsonl   per-split index: id, codes file, text, speaker, duration, frames,
 *                                      phonemes, text_ids (&lt;bos&gt; ... &lt;eos&gt;)
 * codes/SPLIT/ID.npy               the codes of one utterance, (frames, layers), int16 (int32 for codebooks &gt; 32767)
 * </pre>
 */
final class LmCorpusFiles {
    static final String PHONEMES = "phonemes.jsonl";
    static final String PREPARE = "prepare.json";
    static final String CODES = "codes";

    private LmCorpusFiles() {
    }

    static String index(Split split) {
        return split.label() + ".jsonl";
    }

    /**
     * The codes file of an utterance, relative to the corpus folder. Ids are kept as file names when they are
     * plain ({@code [A-Za-z0-9._-]}, not starting with a dot); otherwise the unsafe characters become {@code _}
     * and a hash of the id is appended so that different ids never share a file.
     */
    static String codesFile(Split split, String id) {
        boolean plain = id.matches("[A-Za-z0-9_\\-][A-Za-z0-9._\\-]*") && id.length() <= 200;
        String name = plain ? id : id.replaceAll("[^A-Za-z0-9._\\-]", "_").replaceFirst("^\\.", "_")
                .substring(0, Math.min(id.length(), 150)) + "-" + shortHash(id);
        return CODES + "/" + split.label() + "/" + name + ".npy";
    }

    static Path resolve(Path dir, String relative) {
        return dir.resolve(relative);
    }

    private static String shortHash(String s) {
        try {
            byte[] d = java.security.MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 6);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
