/**
 * The text front-end of speech language models (USLM / VALL-E): espeak-ng phonemization with the official
 * phonemizer semantics ({@link io.voxtok.data.text.EspeakPhonemizer}) and the phoneme vocabulary in the
 * official k2 symbol-table format ({@link io.voxtok.data.text.TextVocabulary}). It lives in sdk-data, not in the
 * USLM plugin, because the command line's token-corpus preparation needs it and reaches plugins only through
 * SPIs.
 */
package io.voxtok.data.text;
