/** Zero-shot text-to-speech with a speech language model and its tokenizer, and its evaluation. */
package io.voxtok.cli.tts;
