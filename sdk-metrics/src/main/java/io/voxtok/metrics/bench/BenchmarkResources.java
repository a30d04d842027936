package io.voxtok.metrics.bench;

import io.voxtok.api.speaker.SpeakerEncoder;
import io.voxtok.api.text.Transcriber;
import io.voxtok.data.PhoneAlignment;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the host knows about a benchmark run beyond the utterances themselves, offered to benchmark factories as
 * a host service: {@code context.service(BenchmarkResources.class)}. A benchmark written against {@code sdk-api}
 * alone simply does not ask for it; one that does must work (with fewer metrics) when it is absent. Immutable;
 * the transcriber and speaker encoder are thread-safe and owned by the host.
 *
 * <p>Speaker similarity is always measured with a speaker encoder of the SPI ({@link SpeakerEncoder}, SPI 1.1.0):
 * the host picks it ({@code voxtok bench tokenizers --speaker-encoder}, the shipped {@code speaker-encoder} by
 * default) and reports its equal error rate next to the similarity numbers.
 *
 * @param alignments     phone alignments by utterance id, where the corpus has them (copied)
 * @param speakerEncoder the speaker encoder for similarity metrics, if the host has one (no SIM metrics otherwise)
 * @param transcriber    speech recogniser for WER, if the host has one
 * @param seed           seed for every random choice (pairs, probes)
 * @param preset         {@code small} or {@code paper}: how much work the benchmark should do
 * @param probeCorpus    training and dev utterances for benchmarks that train a probe, if the host offers them
 * @param workDirectory  a folder the host keeps across runs, where a benchmark may keep resumable state (e.g. a
 *                       probe's per-epoch checkpoints) in a subfolder named after its name and inputs; empty: none
 */
public record BenchmarkResources(Map<String, PhoneAlignment> alignments, Optional<SpeakerEncoder> speakerEncoder,
                                 Optional<Transcriber> transcriber, long seed, String preset,
                                 Optional<ProbeCorpus> probeCorpus, Optional<Path> workDirectory) {
    /** Validates and copies. */
    public BenchmarkResources {
        alignments = Map.copyOf(alignments);
        speakerEncoder = speakerEncoder == null ? Optional.empty() : speakerEncoder;
        transcriber = transcriber == null ? Optional.empty() : transcriber;
        Objects.requireNonNull(preset);
        probeCorpus = probeCorpus == null ? Optional.empty() : probeCorpus;
        workDirectory = workDirectory == null ? Optional.empty() : workDirectory;
    }

    /**
     * Defaults when the host offers nothing: no alignments, no speaker encoder, no ASR, seed 0, small, no probe data,
     * no work folder.
     */
    public static BenchmarkResources defaults() {
        return new BenchmarkResources(Map.of(), Optional.empty(), Optional.empty(), 0, "small", Optional.empty(),
                Optional.empty());
    }

    /** The phone alignment of an utterance, if known. */
    public Optional<PhoneAlignment> alignment(String utteranceId) {
        return Optional.ofNullable(alignments.get(utteranceId));
    }
}
