package io.voxtok.runtime.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.voxtok.runtime.VoxtokRuntime;
import io.voxtok.runtime.config.RuntimeConfig;
import io.voxtok.runtime.registry.FactoryKind;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How names with variants resolve, the rule the EnCodec plugin relies on for {@code encodec}, {@code encodec:24khz}
 * and {@code encodec:48khz}: {@code name:variant} finds exactly that factory, a bare name finds the {@code default}
 * variant (or the only variant), and a variant nobody offers finds nothing.
 */
class ComponentVariantResolutionTest {
    @TempDir
    Path dir;

    @Test
    void aBareNameFindsTheDefaultVariantAndAVariantFindsItself() throws Exception {
        for (String variant : new String[] {"default", "24khz", "48khz"}) {
            String pkg = "variants.v" + variant.replace("khz", "");
            TestPluginBuilder.build(dir, "codec-" + variant, ">=1.0.0", pkg,
                    TestPluginBuilder.tokenizerEntryPoint(pkg, "codec:" + variant));
        }
        TestPluginBuilder.build(dir, "solo", ">=1.0.0", "variants.solo",
                TestPluginBuilder.tokenizerEntryPoint("variants.solo", "solo:16khz"));
        try (VoxtokRuntime rt = VoxtokRuntime.start(RuntimeConfig.defaults(dir).withThreads(1))) {
            assertEquals("codec:default", id(rt, "codec"));
            assertEquals("codec:default", id(rt, "codec:default"));
            assertEquals("codec:24khz", id(rt, "codec:24khz"));
            assertEquals("codec:48khz", id(rt, "codec:48khz"));
            assertTrue(rt.registry().find(FactoryKind.TOKENIZER, "codec:32khz").isEmpty());
            assertEquals("solo:16khz", id(rt, "solo"), "a bare name finds the only variant");
        }
    }

    private static String id(VoxtokRuntime rt, String name) {
        return rt.registry().find(FactoryKind.TOKENIZER, name).orElseThrow(() -> new AssertionError(name
                + " does not resolve")).id().toString();
    }
}
