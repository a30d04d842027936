/** The SpeechTokenizer model configuration, read from the official {@code config.json} format. */
package io.voxtok.plugin.speechtokenizer.config;
