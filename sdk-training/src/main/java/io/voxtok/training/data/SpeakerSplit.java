package io.voxtok.training.data;

import io.voxtok.api.VoxtokException;
import io.voxtok.data.CorpusEntry;
import io.voxtok.data.ManifestDataset;
import io.voxtok.data.Split;
import io.voxtok.data.SpeechDataset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The train/dev rule of the trainer: validation measures generalisation to <em>unheard speakers</em>.
 *
 * <ol>
 *   <li>An item's split is what the corpus says: the manifest's {@code split} field (the bundled corpus and
 *       LibriSpeech's official subsets hold dev speakers out by construction).</li>
 *   <li>Items without one are assigned by speaker with {@link io.voxtok.data.SplitAssigner#bySpeaker} (SHA-256
 *       of the speaker id; {@link ManifestDataset}'s default puts 5 % of speakers in dev and 5 % in test), so all
 *       utterances of a speaker land in one split, on every machine.</li>
 *   <li>Test items are used by neither training nor validation.</li>
 * </ol>
 *
 * A corpus whose explicit splits put one speaker in both train and dev is reported ({@link #sharedSpeakers()},
 * and a warning at construction); {@link #requireHeldOutSpeakers()} turns that into an error.
 *
 * @param train the training items, in corpus order
 * @param dev   the validation items, in corpus order
 */
public record SpeakerSplit(List<CorpusEntry> train, List<CorpusEntry> dev) {
    private static final Logger LOG = LoggerFactory.getLogger(SpeakerSplit.class);

    /** Copies. */
    public SpeakerSplit {
        train = List.copyOf(train);
        dev = List.copyOf(dev);
    }

    /** Reads the dataset once and splits it. */
    public static SpeakerSplit of(SpeechDataset dataset) {
        List<CorpusEntry> train = new ArrayList<>();
        List<CorpusEntry> dev = new ArrayList<>();
        try (Stream<CorpusEntry> s = dataset.entries()) {
            s.forEach(e -> {
                if (e.split() == Split.TRAIN) {
                    train.add(e);
                } else if (e.split() == Split.DEV) {
                    dev.add(e);
                }
            });
        }
        SpeakerSplit split = new SpeakerSplit(train, dev);
        Set<String> shared = split.sharedSpeakers();
        if (!shared.isEmpty()) {
            LOG.warn("{}: speakers in both train and dev: {}; dev then measures seen speakers", dataset.name(), shared);
        }
        return split;
    }

    /** Speakers that occur in both train and dev, sorted. */
    public Set<String> sharedSpeakers() {
        Set<String> t = new TreeSet<>();
        train.forEach(e -> t.add(e.speaker()));
        Set<String> shared = new TreeSet<>();
        dev.forEach(e -> {
            if (t.contains(e.speaker())) {
                shared.add(e.speaker());
            }
        });
        return shared;
    }

    /**
     * This split, if dev holds only unheard speakers.
     *
     * @throws VoxtokException USER_INPUT listing the shared speakers otherwise
     */
    public SpeakerSplit requireHeldOutSpeakers() {
        Set<String> shared = sharedSpeakers();
        if (!shared.isEmpty()) {
            throw VoxtokException.userInput("train and dev share speakers " + shared + "; give those items one split");
        }
        return this;
    }
}
