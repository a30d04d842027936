package io.voxtok.plugin.slmtokbench.conversion;

import io.voxtok.api.audio.Utterance;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Deterministic source/reference pairs for voice conversion: utterances sorted by id; utterance {@code i} (the
 * content source A) is paired with the first utterance after it, cyclically, spoken by another speaker (the voice
 * reference B). Utterances without a speaker are not used. At most {@code max} pairs.
 */
public final class ConversionPairs {
    private ConversionPairs() {
    }

    /**
     * A pair of utterances.
     *
     * @param source    A, whose content is kept
     * @param reference B, whose voice is wanted
     */
    public record Pair(Utterance source, Utterance reference) {
    }

    /** The pairs of {@code utterances}. */
    public static List<Pair> of(List<Utterance> utterances, int max) {
        List<Utterance> u = new ArrayList<>(utterances.stream().filter(x -> x.speaker().isPresent()).toList());
        u.sort(Comparator.comparing(Utterance::id));
        List<Pair> out = new ArrayList<>();
        for (int i = 0; i < u.size() && out.size() < max; i++) {
            for (int j = 1; j < u.size(); j++) {
                Utterance b = u.get((i + j) % u.size());
                if (!Objects.equals(b.speaker(), u.get(i).speaker())) {
                    out.add(new Pair(u.get(i), b));
                    break;
                }
            }
        }
        return out;
    }
}
