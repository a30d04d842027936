package io.voxtok.metrics;

import io.voxtok.api.audio.AudioBuffer;
import io.voxtok.api.bench.Metric;

/**
 * A metric comparing an estimate (e.g. resynthesised audio) with its reference. Both must be mono, of equal
 * sample rate and length, and finite; violations throw a {@link io.voxtok.api.VoxtokException} naming the
 * metric. Implementations are immutable and thread-safe.
 */
public interface PairedSignalMetric {
    /** Metric name as it appears in reports, e.g. {@code si_sdr}. */
    String name();

    /** Computes the metric; the result carries name, version and parameters. */
    Metric compute(AudioBuffer reference, AudioBuffer estimate);
}
