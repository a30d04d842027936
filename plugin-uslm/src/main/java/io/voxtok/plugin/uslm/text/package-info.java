/**
 * USLM's text input: phonemes by the shared espeak front-end ({@link io.voxtok.data.text.EspeakPhonemizer}) turned
 * into a checkpoint's text ids ({@link io.voxtok.plugin.uslm.text.UslmTextFrontEnd}).
 */
package io.voxtok.plugin.uslm.text;
