/** The {@code phone-teacher} training recipe: frame labels from alignments, cross-entropy training, export. */
package io.voxtok.plugin.phoneteacher.training;
