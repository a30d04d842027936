/**
 * Residual vector quantisation for inference (SPEC 3.1): nearest-code search with the official float32
 * distance expression, the {@code st}/{@code n_q} semantics of SpeechTokenizer, decoding by codebook lookup.
 */
package io.voxtok.nn.quantization;
