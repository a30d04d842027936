/**
 * The USLM / VALL-E networks as DJL blocks with the official state-dict names: token embeddings, sinusoidal
 * positions, pre-LN transformer layers with packed-QKV attention, AdaptiveLayerNorm and the (tied) prediction layers.
 */
package io.voxtok.plugin.uslm.model;
