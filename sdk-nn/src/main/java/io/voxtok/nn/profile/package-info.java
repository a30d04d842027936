/**
 * Where inference time goes: analytic FLOP counts of the SEANet/RVQ building blocks ({@link
 * io.voxtok.nn.profile.BlockCosts}), the engine primitives each block runs ({@link io.voxtok.nn.profile.ComputeOp}),
 * a per-block wall-clock profile of a codec ({@link io.voxtok.nn.profile.CodecProfiler}) and a micro-benchmark of
 * single primitives through the same engine ({@link io.voxtok.nn.profile.OpBenchmark}). Used by
 * {@code voxtok bench speed}; nothing here changes what a model computes.
 */
package io.voxtok.nn.profile;
