package io.voxtok.metrics;

import io.voxtok.api.VoxtokException;
import io.voxtok.api.bench.Metric;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Word and character error rates accumulated over a corpus. Both texts are normalised with
 * {@link TextNormalizer}; WER = (S + D + I) / N over whitespace-separated words, CER the same over the
 * characters of the normalised text (spaces included). Corpus rates divide summed edits by the summed reference
 * length (not a mean of per-utterance rates). Values are fractions (0.05 = 5 %) and can exceed 1. Not
 * thread-safe.
 */
public final class ErrorRate {
    /** Definition version. */
    public static final String VERSION = "1";
    private EditCounts words = EditCounts.ZERO;
    private EditCounts chars = EditCounts.ZERO;
    private long utterances;

    /** Word edit counts of one pair (normalised). */
    public static EditCounts wordEdits(String reference, String hypothesis) {
        return EditCounts.align(words(TextNormalizer.normalize(reference)), words(TextNormalizer.normalize(hypothesis)));
    }

    /** Character edit counts of one pair (normalised). */
    public static EditCounts charEdits(String reference, String hypothesis) {
        return EditCounts.align(chars(TextNormalizer.normalize(reference)), chars(TextNormalizer.normalize(hypothesis)));
    }

    /** Adds one reference/hypothesis pair. */
    public ErrorRate add(String reference, String hypothesis) {
        words = words.plus(wordEdits(reference, hypothesis));
        chars = chars.plus(charEdits(reference, hypothesis));
        utterances++;
        return this;
    }

    /** Summed word edits so far. */
    public EditCounts wordCounts() {
        return words;
    }

    /** Summed character edits so far. */
    public EditCounts charCounts() {
        return chars;
    }

    /** Corpus WER. */
    public Metric wer() {
        return rate("wer", words);
    }

    /** Corpus CER. */
    public Metric cer() {
        return rate("cer", chars);
    }

    private Metric rate(String name, EditCounts c) {
        if (c.referenceLength() == 0) {
            throw VoxtokException.userInput(name + ": the references are empty after normalisation");
        }
        return new Metric(name, c.errors() / (double) c.referenceLength(), "fraction", false, VERSION,
                Map.of("normalizer", "TextNormalizer v" + TextNormalizer.VERSION, "utterances", "" + utterances,
                        "reference_units", "" + c.referenceLength(), "substitutions", "" + c.substitutions(),
                        "deletions", "" + c.deletions(), "insertions", "" + c.insertions()));
    }

    static List<String> words(String normalised) {
        return normalised.isEmpty() ? List.of() : Arrays.asList(normalised.split(" "));
    }

    static List<Character> chars(String normalised) {
        List<Character> out = new ArrayList<>(normalised.length());
        for (char c : normalised.toCharArray()) {
            out.add(c);
        }
        return out;
    }
}
