/**
 * Speaker encoders: utterance-level speaker embeddings compared by cosine similarity (speaker similarity of a
 * resynthesis, speaker verification). Added in SPI 1.1.0; a plugin contributes them through
 * {@link io.voxtok.api.VoxtokPlugin#speakerEncoders()} and a host finds them with
 * {@link io.voxtok.api.ComponentLookup#speakerEncoder(String)}.
 */
package io.voxtok.api.speaker;
