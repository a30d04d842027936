/**
 * Training contracts: the gradient-carrying views of codecs, discriminators and teachers. They use DJL's
 * engine-agnostic {@code ai.djl} API only ({@link ai.djl.ndarray.NDArray}, {@link ai.djl.nn.Block}); the engine is
 * chosen by the runtime. Inference code never needs this module.
 *
 * <p>Ownership: arrays returned by these methods belong to the {@link ai.djl.ndarray.NDManager} of their input
 * (attach them elsewhere to keep them). Implementations are not thread-safe: one training loop per instance.
 */
package io.voxtok.training;
