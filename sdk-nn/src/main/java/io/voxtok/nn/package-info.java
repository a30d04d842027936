/**
 * Neural building blocks for speech tokenizers on DJL {@link ai.djl.ndarray.NDArray}s (PyTorch engine):
 * SEANet streamable convolutions, LSTMs, activations, residual vector quantisation, and the loader that maps
 * checkpoint tensors onto them.
 *
 * <p>Conventions: all blocks are inference-only and immutable once loaded, so one instance may serve several
 * threads at once. A block never modifies its input, and every array it creates is attached to the manager
 * of its input array (never to the manager holding the weights), so callers scope intermediate results with
 * a per-call child {@link ai.djl.ndarray.NDManager}.
 */
package io.voxtok.nn;
