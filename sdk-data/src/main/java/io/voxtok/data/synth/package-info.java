/**
 * Offline synthetic corpus builder: flite voices and prosody variants as speakers, generated sentences, the
 * synthesizer's own phone timing as alignment ({@link io.voxtok.data.synth.CorpusSynthesizer}).
 */
package io.voxtok.data.synth;
