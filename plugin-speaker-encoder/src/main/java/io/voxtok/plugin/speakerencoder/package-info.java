/**
 * The speaker-encoder plugin: speaker encoders for the {@link io.voxtok.api.speaker.SpeakerEncoder} SPI (an
 * x-vector trained by Voxtok, ONNX exports run by ONNX Runtime, a model-free log-mel baseline) and the
 * {@code speaker-encoder} training recipe.
 */
package io.voxtok.plugin.speakerencoder;
