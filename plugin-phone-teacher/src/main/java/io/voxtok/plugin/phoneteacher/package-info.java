/**
 * The phone-classifier teacher: a small log-mel CNN trained on a corpus' own phone alignments, served through the
 * {@link io.voxtok.api.teacher.Teacher} SPI as {@code phone-teacher}, a drop-in replacement for HuBERT as
 * SpeechTokenizer's semantic distillation target where HuBERT weights are unavailable.
 */
package io.voxtok.plugin.phoneteacher;
