/**
 * The SpeechTokenizer network on DJL (PyTorch engine): checkpoint loading, encode/decode with the official
 * semantics, per-item exact batching and chunked encoding of long audio.
 */
package io.voxtok.plugin.speechtokenizer.model;
