/**
 * Token corpora for training speech language models (USLM / VALL-E): {@link io.voxtok.data.lm.LmTokenCacheBuilder}
 * encodes a corpus once with a tokenizer and phonemizes its transcripts, resumably;
 * {@link io.voxtok.data.lm.LmTokenCorpus} reads the result back. In sdk-data (plain Java, no DJL) so that the
 * command line ({@code voxtok lm prepare}) and the USLM plugin's trainer share one format.
 */
package io.voxtok.data.lm;
