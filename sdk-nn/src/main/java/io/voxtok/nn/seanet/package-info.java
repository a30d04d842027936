/**
 * SEANet encoder and decoder (EnCodec's, also used by SpeechTokenizer) with the official module indices, so
 * that checkpoints load by their original keys ({@code encoder.model.N.conv.conv.weight_g} ...).
 */
package io.voxtok.nn.seanet;
