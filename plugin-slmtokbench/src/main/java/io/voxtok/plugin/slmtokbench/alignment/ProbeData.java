package io.voxtok.plugin.slmtokbench.alignment;

import io.voxtok.api.VoxtokException;
import java.util.List;

/**
 * One split (train, dev or test) of the text-alignment probe's input: utterances whose token matrices all have the
 * same number of codebook layers.
 *
 * @param utterances the utterances, in a fixed order (results are deterministic for a given order and seed)
 */
public record ProbeData(List<ProbeUtterance> utterances) {
    /** Copies the list and checks it is non-empty with one layer count. */
    public ProbeData {
        utterances = List.copyOf(utterances);
        if (utterances.isEmpty()) {
            throw VoxtokException.userInput("a probe split needs at least one utterance");
        }
        int layers = utterances.get(0).layers();
        for (ProbeUtterance u : utterances) {
            if (u.layers() != layers) {
                throw VoxtokException.userInput("utterance " + u.id() + " has " + u.layers()
                        + " token layers, utterance " + utterances.get(0).id() + " has " + layers);
            }
        }
    }

    /** Shorthand for {@code new ProbeData(List.of(utterances))}. */
    public static ProbeData of(ProbeUtterance... utterances) {
        return new ProbeData(List.of(utterances));
    }

    /** Number of utterances. */
    public int size() {
        return utterances.size();
    }

    /** Codebook layers per frame. */
    public int layers() {
        return utterances.get(0).layers();
    }

    /** Largest token id of layer {@code layer} over all utterances. */
    public int maxToken(int layer) {
        int max = 0;
        for (ProbeUtterance u : utterances) {
            for (int[] frame : u.tokens()) {
                max = Math.max(max, frame[layer]);
            }
        }
        return max;
    }
}
