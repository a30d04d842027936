package io.voxtok.metrics.bench;

import io.voxtok.api.audio.Utterance;
import java.util.List;

/**
 * Utterances a benchmark may train a probe on, apart from the utterances it evaluates: the training split (fits
 * the probe) and the dev split (learning curve, weight selection), with transcripts and speakers. The host chooses
 * and caps them; a benchmark that trains a probe (SLMTokBench's text alignment) asks for them through
 * {@link BenchmarkResources#probeCorpus()} and is not applicable without them. Thread-safe.
 */
public interface ProbeCorpus {
    /**
     * The training utterances, read at the subject's rate and channels.
     *
     * @param sampleRate audio rate in Hz
     * @param channels   channel count
     */
    List<Utterance> train(int sampleRate, int channels);

    /**
     * The dev utterances, read at the subject's rate and channels.
     *
     * @param sampleRate audio rate in Hz
     * @param channels   channel count
     */
    List<Utterance> dev(int sampleRate, int channels);

    /** Where the utterances come from and how many there are, for reports (e.g. "train 300 / dev 50 of M"). */
    String description();
}
