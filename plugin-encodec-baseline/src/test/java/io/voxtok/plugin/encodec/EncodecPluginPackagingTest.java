package io.voxtok.plugin.encodec;

import io.voxtok.api.VoxtokPlugin;
import io.voxtok.testkit.AbstractPluginPackagingTest;

/**
 * The kit's packaging checks on the EnCodec plugin's built classes: its services file, its filtered descriptor (which
 * asks for SPI 1.2.0 or later, for the 48 kHz tokenizer's declared segmentation) and its three factories
 * ({@code encodec:default}, {@code encodec:24khz}, {@code encodec:48khz}), each refusing an unknown option before
 * asking for a model.
 */
class EncodecPluginPackagingTest extends AbstractPluginPackagingTest {
    @Override
    protected Class<? extends VoxtokPlugin> entryPoint() {
        return EncodecPlugin.class;
    }
}
