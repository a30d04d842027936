/**
 * Evaluation metrics, each with a documented definition, a version and its parameters recorded in the returned
 * {@link io.voxtok.api.bench.Metric}: signal metrics ({@link io.voxtok.metrics.SiSdr},
 * {@link io.voxtok.metrics.LogMelDistance}, {@link io.voxtok.metrics.MultiResolutionStftDistance},
 * {@link io.voxtok.metrics.Stoi}), token metrics ({@link io.voxtok.metrics.TokenRates},
 * {@link io.voxtok.metrics.CodebookUsage}, {@link io.voxtok.metrics.Pnmi}), text metrics
 * ({@link io.voxtok.metrics.ErrorRate}, {@link io.voxtok.metrics.TextNormalizer}), an offline recogniser
 * ({@link io.voxtok.metrics.VoskTranscriber}) and the resynthesis report ({@link io.voxtok.metrics.ResynthesisEvaluator}).
 * Invalid input (sample-rate or length mismatch, NaN, undefined cases) throws
 * {@link io.voxtok.api.VoxtokException}; no metric returns a default value.
 */
package io.voxtok.metrics;
