/**
 * Types shared between the host that runs benchmarks and the benchmark plugins: what the host knows about the
 * corpus beyond {@link io.voxtok.api.audio.Utterance} ({@link io.voxtok.metrics.bench.BenchmarkResources}: phone
 * alignments, the SPI speaker encoder, the recogniser, probe training data as a
 * {@link io.voxtok.metrics.bench.ProbeCorpus}). They live in a host-shared package ({@code io.voxtok.metrics.}) so
 * every plugin sees the same classes. Speaker embeddings come only from {@link io.voxtok.api.speaker.SpeakerEncoder}.
 */
package io.voxtok.metrics.bench;
