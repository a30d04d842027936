/**
 * Streaming inference for causal networks: audio arrives in pieces of any size and each layer carries the state
 * it needs between pieces (left context of a causal convolution, hidden and cell state of an LSTM), so that the
 * concatenated outputs equal a whole-signal forward pass. Each stream is owned by one thread and closed by its
 * opener.
 */
package io.voxtok.nn.streaming;
