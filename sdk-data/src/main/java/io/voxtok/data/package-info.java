/**
 * Speech corpora: streaming readers for LibriSpeech, LibriTTS, VCTK and JSON Lines manifests
 * ({@link io.voxtok.data.SpeechDataset}), deterministic splits ({@link io.voxtok.data.SplitAssigner}), lazy audio
 * loading with bad-file reporting ({@link io.voxtok.data.UtteranceLoader}), phone alignments
 * ({@link io.voxtok.data.PhoneAlignment}) and corpus statistics ({@link io.voxtok.data.CorpusStats}).
 */
package io.voxtok.data;
