/**
 * Offline synthetic corpus builder: flite and festival voices (and their prosody variants) as speakers, with
 * held-out dev/test voices, generated sentences, the
 * synthesizer's own phone timing as alignment ({@link io.voxtok.data.synth.CorpusSynthesizer}).
 */
package io.voxtok.data.synth;
