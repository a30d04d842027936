/**
 * Types shared between the host that runs benchmarks and the benchmark plugins: what the host knows about the
 * corpus beyond {@link io.voxtok.api.audio.Utterance} ({@link io.voxtok.metrics.bench.BenchmarkResources}) and
 * the speaker-embedding extension point ({@link io.voxtok.metrics.bench.SpeakerEmbedder}). They live in a
 * host-shared package ({@code io.voxtok.metrics.}) so every plugin sees the same classes.
 */
package io.voxtok.metrics.bench;
