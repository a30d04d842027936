package io.voxtok.data.text;

import io.voxtok.data.synth.ExternalTool;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The official USLM / VALL-E text front-end ({@code TextTokenizer(language="en-us", backend="espeak")} with
 * phonemizer's {@code EspeakBackend(preserve_punctuation=True, with_stress=False, tie=False,
 * language_switch="keep-flags", words_mismatch="ignore")}, separators word {@code _}, phone {@code |}), with
 * the {@code espeak-ng} program in place of phonemizer's ctypes binding to {@code libespeak-ng}:
 *
 * <ol>
 *   <li>the text is stripped and cut at its punctuation ({@link PunctuationPreserver});</li>
 *   <li>each piece goes through {@code espeak-ng -q --ipa --sep=_ -v LANG -- PIECE}. The program prints the
 *       IPA of one clause per line, computed by the same {@code GetTranslatedPhonemeString} call that
 *       phonemizer's {@code espeak_TextToPhonemes} loop reaches with mode {@code '_' << 8 | 0x02}; the lines are
 *       joined with a space, as phonemizer joins the clauses;</li>
 *   <li>phonemizer's line post-processing: strip, newlines to spaces, {@code "  "} to {@code " "}, runs of
 *       {@code _} collapsed and {@code "_ "} to {@code " "} (espeak-ng issue 694), then per word the stress
 *       marks {@code ˈ ˌ ' -} removed and {@code _} replaced by the phone separator {@code |}, words joined by
 *       {@code _};</li>
 *   <li>the marks are restored and the string is split into tokens ({@link PhonemeSplitter}).</li>
 * </ol>
 *
 * <p>Language-switch flags such as {@code (fr)} are kept in the text ({@code keep-flags}) and end up as tokens
 * {@code (}, {@code fr}, {@code )} just as in the official code. Results are memoised per piece (corpora repeat
 * phrases), so the instance is cheap to reuse; it is thread-safe.
 */
public final class EspeakPhonemizer implements Phonemizer {
    /** The official language. */
    public static final String DEFAULT_LANGUAGE = "en-us";
    private static final Pattern STRESS = Pattern.compile("[ˈˌ'-]+");
    private static final Pattern UNDERSCORES = Pattern.compile("_+");

    private final ExternalTool espeak;
    private final String language;
    private final PunctuationPreserver punctuation;
    private final Map<String, String> memo = new ConcurrentHashMap<>();

    /**
     * @param espeak   the program (normally {@code new ExternalTool("espeak-ng", "espeak-ng")})
     * @param language the espeak voice, e.g. {@code en-us}
     */
    public EspeakPhonemizer(ExternalTool espeak, String language) {
        this.espeak = Objects.requireNonNull(espeak);
        this.language = Objects.requireNonNull(language);
        this.punctuation = PunctuationPreserver.defaults();
    }

    /** The official settings: {@code espeak-ng} from {@code PATH}, {@code en-us}. */
    public static EspeakPhonemizer official() {
        return new EspeakPhonemizer(new ExternalTool("espeak-ng", "espeak-ng"), DEFAULT_LANGUAGE);
    }

    /** The espeak voice. */
    public String language() {
        return language;
    }

    @Override
    public List<String> phonemize(String text) {
        return PhonemeSplitter.split(phonemizeToString(text));
    }

    /**
     * The phonemized string, as phonemizer returns it with {@code strip=True} (e.g. {@code h|ə|l|oʊ,_w|ɜː|l|d.}).
     */
    public String phonemizeToString(String text) {
        PunctuationPreserver.Preserved p = punctuation.preserve(PythonCharClasses.strip(text));
        List<String> pieces = new ArrayList<>();
        for (String piece : p.pieces()) {
            pieces.add(memo.computeIfAbsent(piece, this::phonemizePiece));
        }
        List<String> restored = PunctuationPreserver.restore(pieces, p.marks(), PhonemeSeparators.WORD, true);
        // One input line gives one restored line; the official tokenize_text takes the first.
        return restored.isEmpty() ? "" : restored.get(0);
    }

    private String phonemizePiece(String piece) {
        String out = espeak.run(List.of("-q", "--ipa", "--sep=_", "-v", language, "--", piece));
        String joined = String.join(" ", out.lines().toList());
        return postprocess(joined);
    }

    /** phonemizer's {@code EspeakBackend._postprocess_line} with {@code strip=True}, no tie, no stress. */
    static String postprocess(String line) {
        String l = PythonCharClasses.strip(line).replace("\n", " ").replace("  ", " ");
        l = UNDERSCORES.matcher(l).replaceAll("_");
        l = l.replace("_ ", " ");
        if (l.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        String[] words = l.split(" ", -1);
        for (int i = 0; i < words.length; i++) {
            String w = STRESS.matcher(PythonCharClasses.strip(words[i])).replaceAll("");
            out.append(w.replace("_", PhonemeSeparators.PHONE));
            if (i < words.length - 1) {
                out.append(PhonemeSeparators.WORD);
            }
        }
        return out.toString();
    }
}
