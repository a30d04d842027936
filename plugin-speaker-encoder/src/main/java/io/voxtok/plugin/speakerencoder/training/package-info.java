/** The {@code speaker-encoder} training recipe: AM-softmax speaker classification on a corpus' training speakers. */
package io.voxtok.plugin.speakerencoder.training;
