package io.voxtok.api.bench;

import io.voxtok.api.Component;
import io.voxtok.api.audio.Utterance;
import io.voxtok.api.token.Tokenizer;

/**
 * Evaluates a tokenizer on a corpus (SLMTokBench's text alignment and information preservation, codebook
 * usage, PNMI). Not required to be thread-safe.
 *
 * <p>Hosts such as {@code voxtok bench tokenizers} create one benchmark per run and call {@link #run} once per
 * subject. The {@code subject} they pass is already restricted to the layers being evaluated (its
 * {@code spec().numLayers()} is the selection's size) and caches its encodings, so a benchmark may call
 * {@code encode} freely; utterances come at the subject's sample rate and channels. A benchmark that does not
 * apply to a subject (e.g. needs decoding from a subject that cannot decode) throws a
 * {@link io.voxtok.api.VoxtokException} of kind {@code USER_INPUT}, or returns a report whose provenance has a
 * {@code not_applicable} entry saying why; the host shows it as "n/a". Facts beyond the utterances (phone
 * alignments, speaker encoder, recogniser) are host services offered to the factory through
 * {@link io.voxtok.api.ComponentContext#service}; a benchmark written against this API alone needs none.
 */
public interface Benchmark extends Component {
    /** Runs on every utterance of {@code corpus}; utterances need transcripts where the metric says so. */
    BenchmarkReport run(Tokenizer subject, Iterable<Utterance> corpus, ProgressListener progress);
}
