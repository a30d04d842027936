package io.voxtok.plugin.speechtokenizer;

import io.voxtok.api.VoxtokPlugin;

/**
 * Entry point of the SpeechTokenizer plugin, registered in {@code META-INF/services/io.voxtok.api.VoxtokPlugin}.
 * Its components are added by the issues that implement them; until then it contributes none (and
 * {@code voxtok plugins} says so).
 */
public final class SpeechTokenizerPlugin implements VoxtokPlugin {
}
