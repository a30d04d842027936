/**
 * Speaker verification scoring: cosine trials between speaker embeddings and the equal error rate. Model-free;
 * the embeddings come from any {@link io.voxtok.api.speaker.SpeakerEncoder}.
 */
package io.voxtok.metrics.speaker;
