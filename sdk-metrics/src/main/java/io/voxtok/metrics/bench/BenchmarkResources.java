package io.voxtok.metrics.bench;

import io.voxtok.api.text.Transcriber;
import io.voxtok.data.PhoneAlignment;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the host knows about a benchmark run beyond the utterances themselves, offered to benchmark factories as
 * a host service: {@code context.service(BenchmarkResources.class)}. A benchmark written against {@code sdk-api}
 * alone simply does not ask for it; one that does must work (with fewer metrics) when it is absent. Immutable;
 * the transcriber and embedder are thread-safe and owned by the host.
 *
 * @param alignments      phone alignments by utterance id, where the corpus has them (copied)
 * @param speakerEmbedder the speaker encoder for similarity metrics
 * @param transcriber     speech recogniser for WER, if the host has one
 * @param seed            seed for every random choice (pairs, probes)
 * @param preset          {@code small} or {@code paper}: how much work the benchmark should do
 */
public record BenchmarkResources(Map<String, PhoneAlignment> alignments, SpeakerEmbedder speakerEmbedder,
                                 Optional<Transcriber> transcriber, long seed, String preset) {
    /** Validates and copies. */
    public BenchmarkResources {
        alignments = Map.copyOf(alignments);
        Objects.requireNonNull(speakerEmbedder);
        transcriber = transcriber == null ? Optional.empty() : transcriber;
        Objects.requireNonNull(preset);
    }

    /** Defaults when the host offers nothing: no alignments, the model-free embedder, no ASR, seed 0, small. */
    public static BenchmarkResources defaults() {
        return new BenchmarkResources(Map.of(), new MelStatisticsSpeakerEmbedder(), Optional.empty(), 0, "small");
    }

    /** The phone alignment of an utterance, if known. */
    public Optional<PhoneAlignment> alignment(String utteranceId) {
        return Optional.ofNullable(alignments.get(utteranceId));
    }
}
