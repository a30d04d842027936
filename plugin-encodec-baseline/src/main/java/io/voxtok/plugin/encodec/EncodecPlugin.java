package io.voxtok.plugin.encodec;

import io.voxtok.api.VoxtokPlugin;

/**
 * Entry point of the EnCodec baseline plugin, registered in {@code META-INF/services/io.voxtok.api.VoxtokPlugin}.
 * Its components are added by the issues that implement them; until then it contributes none (and
 * {@code voxtok plugins} says so).
 */
public final class EncodecPlugin implements VoxtokPlugin {
}
