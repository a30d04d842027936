/**
 * Recurrent layers: a multi-layer (bi)directional {@link io.voxtok.nn.recurrent.Lstm} in PyTorch's layout and
 * conventions, run one layer at a time on the engine's native LSTM kernel, and SEANet's skip-connected
 * {@link io.voxtok.nn.recurrent.SkipLstm}.
 */
package io.voxtok.nn.recurrent;
