package io.voxtok.bench.corpus;

import io.voxtok.api.audio.Utterance;
import io.voxtok.data.CorpusEntry;
import io.voxtok.metrics.bench.ProbeCorpus;
import java.util.List;

/**
 * The {@link ProbeCorpus} of a {@link BenchCorpus}: at most {@code trainItems} utterances of its {@code train}
 * split and {@code devItems} of its {@code dev} split, taken in turn from each speaker and sorted by id (so a cut
 * keeps every speaker). Audio is read on each call at the rate asked for. Immutable.
 */
public final class SplitProbeCorpus implements ProbeCorpus {
    private final BenchCorpus corpus;
    private final List<CorpusEntry> train;
    private final List<CorpusEntry> dev;

    /**
     * @param corpus     the corpus
     * @param trainItems most training utterances
     * @param devItems   most dev utterances
     */
    public SplitProbeCorpus(BenchCorpus corpus, int trainItems, int devItems) {
        this.corpus = corpus;
        this.train = corpus.splitEntries("train", trainItems);
        this.dev = corpus.splitEntries("dev", devItems);
    }

    @Override
    public List<Utterance> train(int sampleRate, int channels) {
        return BenchCorpus.load(train, sampleRate, channels);
    }

    @Override
    public List<Utterance> dev(int sampleRate, int channels) {
        return BenchCorpus.load(dev, sampleRate, channels);
    }

    /** The ids of the training and dev items, for run keys. */
    public List<String> ids() {
        return java.util.stream.Stream.concat(train.stream(), dev.stream()).map(CorpusEntry::id).toList();
    }

    @Override
    public String description() {
        return train.size() + " train and " + dev.size() + " dev utterances of " + corpus.manifest()
                + " (in turn from each speaker, sorted by id)";
    }
}
