package org.example.mulaw;

import io.voxtok.api.VoxtokPlugin;
import io.voxtok.testkit.AbstractPluginPackagingTest;

/** The Voxtok packaging checks on this plugin: services file, descriptor and factory options. */
final class MulawPluginPackagingTest extends AbstractPluginPackagingTest {
    @Override
    protected Class<? extends VoxtokPlugin> entryPoint() {
        return MulawPlugin.class;
    }
}
