package io.voxtok.cli.tts;

/**
 * The outcome of one zero-shot TTS evaluation item, stored as {@code items/<id>.json} (the resume unit). A failed
 * synthesis keeps its error and counts as an empty transcript (every reference word deleted) in the error rates.
 *
 * @param id                 target utterance id
 * @param speaker            its speaker
 * @param text               the target text (the WER reference)
 * @param promptId           the prompt utterance id
 * @param promptText         the prompt's transcript
 * @param promptSeconds      prompt audio length used
 * @param promptCutInSpeech  whether the prompt was cut inside speech
 * @param seed               sampling seed of this item
 * @param audio              generated WAV, relative to the evaluation directory, or null on failure
 * @param frames             generated frames
 * @param audioSeconds       generated audio length
 * @param originalSeconds    length of the target's original recording
 * @param generateSeconds    language model time
 * @param decodeSeconds      tokenizer decoding time
 * @param hypothesis         recogniser transcript of the generated audio (null without ASR; empty on failure)
 * @param originalHypothesis recogniser transcript of the target's original recording (null without ASR)
 * @param similarity         cosine of the speaker embeddings of prompt and generated audio (null when not measured)
 * @param originalSimilarity cosine of the speaker embeddings of prompt and the target's original recording
 * @param error              why the synthesis failed, or null
 * @param note               why a measure is missing (e.g. audio too short for the speaker encoder), or null
 */
public record TtsEvalResult(String id, String speaker, String text, String promptId, String promptText,
                            double promptSeconds, boolean promptCutInSpeech, long seed, String audio, int frames,
                            double audioSeconds, double originalSeconds, double generateSeconds, double decodeSeconds,
                            String hypothesis, String originalHypothesis, Double similarity, Double originalSimilarity,
                            String error, String note) {
}
