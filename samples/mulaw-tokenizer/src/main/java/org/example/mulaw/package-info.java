/**
 * A sample third-party Voxtok plugin, built against {@code io.voxtok:sdk-api} alone: an 8-bit mu-law
 * (ITU-T G.711-style, mu = 255) tokenizer of 8 kHz mono audio, one token per sample.
 *
 * <p>Entry point {@link org.example.mulaw.MulawPlugin}, registered in
 * {@code META-INF/services/io.voxtok.api.VoxtokPlugin}; the companding maths is in
 * {@link org.example.mulaw.MulawCodec}.
 */
package org.example.mulaw;
