package io.voxtok.api.bench;

import io.voxtok.api.Component;
import io.voxtok.api.audio.Utterance;
import io.voxtok.api.token.Tokenizer;

/**
 * Evaluates a tokenizer on a corpus (SLMTokBench's text alignment and information preservation, codebook
 * usage, PNMI). Not required to be thread-safe.
 */
public interface Benchmark extends Component {
    /** Runs on every utterance of {@code corpus}; utterances need transcripts where the metric says so. */
    BenchmarkReport run(Tokenizer subject, Iterable<Utterance> corpus, ProgressListener progress);
}
