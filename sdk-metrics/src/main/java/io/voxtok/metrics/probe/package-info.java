/**
 * Probes of what discrete speech tokens and audio carry: phone content per RVQ layer (phone purity, code purity,
 * PNMI, codebook usage) and speaker identity (logistic-regression speaker classifiers on bags of units or on
 * spectral speaker embeddings). Plain Java, deterministic, no model weights.
 */
package io.voxtok.metrics.probe;
