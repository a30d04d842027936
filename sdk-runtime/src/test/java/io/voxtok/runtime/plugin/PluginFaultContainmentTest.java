package io.voxtok.runtime.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.voxtok.api.VoxtokException;
import io.voxtok.runtime.VoxtokRuntime;
import io.voxtok.runtime.config.RuntimeConfig;
import io.voxtok.runtime.registry.FactoryKind;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One plugin's fault refuses that plugin with one sentence and leaves the others working. */
class PluginFaultContainmentTest {
    @TempDir
    Path dir;

    private VoxtokRuntime start() {
        return VoxtokRuntime.start(RuntimeConfig.defaults(dir).withThreads(1));
    }

    private void good(String id, String tokenizer) throws IOException {
        TestPluginBuilder.build(dir, id, ">=1.0.0", "ok." + id, TestPluginBuilder.tokenizerEntryPoint("ok." + id, tokenizer));
    }

    private static String reasonOf(VoxtokRuntime rt, String id) {
        return rt.refusedPlugins().stream().filter(r -> r.id().equals(id)).map(RefusedPlugin::reason).findFirst()
                .orElseThrow(() -> new AssertionError(id + " not refused: " + rt.refusedPlugins()));
    }

    private static List<String> loaded(VoxtokRuntime rt) {
        return rt.plugins().stream().map(p -> p.id()).sorted().toList();
    }

    @Test
    void aPluginWithoutEntryPointIsRefusedAndTheOthersWork() throws Exception {
        good("fine", "fine-tok");
        Path p = TestPluginBuilder.build(dir, "empty", ">=1.0.0", "t.empty",
                TestPluginBuilder.markerEntryPoint("t.empty", "voxtok.test.empty2"));
        Files.delete(p.resolve("classes/META-INF/services/io.voxtok.api.VoxtokPlugin"));
        try (VoxtokRuntime rt = start()) {
            assertEquals(List.of("fine"), loaded(rt));
            assertTrue(reasonOf(rt, "empty").contains("META-INF/services"), reasonOf(rt, "empty"));
            assertTrue(rt.registry().find(FactoryKind.TOKENIZER, "fine-tok").isPresent());
        }
        VoxtokException e = assertThrows(VoxtokException.class, () -> VoxtokRuntime.start(
                RuntimeConfig.defaults(dir).withThreads(1).withEnabledPlugins(List.of("empty"))));
        assertTrue(e.getMessage().contains("'empty'") && e.getMessage().contains("META-INF/services"), e.getMessage());
    }

    @Test
    void aMistypedEntryPointClassIsRefused() throws Exception {
        good("fine", "fine-tok");
        Path p = TestPluginBuilder.build(dir, "typo", ">=1.0.0", "t.typo",
                TestPluginBuilder.markerEntryPoint("t.typo", "voxtok.test.typo"));
        Files.writeString(p.resolve("classes/META-INF/services/io.voxtok.api.VoxtokPlugin"), "t.typo.EntryPiont\n");
        try (VoxtokRuntime rt = start()) {
            assertEquals(List.of("fine"), loaded(rt));
            assertTrue(reasonOf(rt, "typo").contains("entry point"), reasonOf(rt, "typo"));
        }
    }

    @Test
    void anEntryPointThatThrowsIsRefused() throws Exception {
        good("fine", "fine-tok");
        TestPluginBuilder.build(dir, "boom", ">=1.0.0", "t.boom", "package t.boom;\n"
                + "public final class EntryPoint implements io.voxtok.api.VoxtokPlugin {\n"
                + "  @Override public java.util.List<io.voxtok.api.token.TokenizerFactory> tokenizers() {\n"
                + "    throw new IllegalStateException(\"kaboom\");\n"
                + "  }\n"
                + "}\n");
        TestPluginBuilder.build(dir, "ctor", ">=1.0.0", "t.ctor", "package t.ctor;\n"
                + "public final class EntryPoint implements io.voxtok.api.VoxtokPlugin {\n"
                + "  public EntryPoint() { throw new IllegalStateException(\"no\"); }\n"
                + "}\n");
        try (VoxtokRuntime rt = start()) {
            assertEquals(List.of("fine"), loaded(rt));
            assertTrue(reasonOf(rt, "boom").contains("kaboom"), reasonOf(rt, "boom"));
            assertTrue(reasonOf(rt, "ctor").contains("entry point"), reasonOf(rt, "ctor"));
        }
    }

    @Test
    void twoPluginsOfferingOneNameAreBothRefusedNamingEachOther() throws Exception {
        good("dupa", "same");
        good("dupb", "same");
        good("solo", "solo-tok");
        try (VoxtokRuntime rt = start()) {
            assertEquals(List.of("solo"), loaded(rt));
            String a = reasonOf(rt, "dupa");
            String b = reasonOf(rt, "dupb");
            assertTrue(a.contains("tokenizer 'same") && a.contains("dupb"), a);
            assertTrue(b.contains("tokenizer 'same") && b.contains("dupa"), b);
            assertTrue(rt.registry().find(FactoryKind.TOKENIZER, "same").isEmpty());
            assertTrue(rt.registry().find(FactoryKind.TOKENIZER, "solo-tok").isPresent());
        }
        // enabling one of them resolves the clash
        try (VoxtokRuntime rt = VoxtokRuntime.start(RuntimeConfig.defaults(dir).withThreads(1)
                .withEnabledPlugins(List.of("dupb")))) {
            assertEquals(List.of("dupb"), loaded(rt));
            assertTrue(rt.registry().find(FactoryKind.TOKENIZER, "same").isPresent());
        }
    }

    @Test
    void theHighestCompatibleVersionWinsAndTheOthersAreListed() throws Exception {
        TestPluginBuilder.buildVersion(dir, "alpha-1.0.0", "alpha", "1.0.0", ">=1.0.0", "v100.alpha",
                TestPluginBuilder.tokenizerEntryPoint("v100.alpha", "alpha-tok"));
        TestPluginBuilder.buildVersion(dir, "alpha-1.2.0", "alpha", "1.2.0", ">=1.0.0", "v120.alpha",
                TestPluginBuilder.tokenizerEntryPoint("v120.alpha", "alpha-tok"));
        TestPluginBuilder.buildVersion(dir, "alpha-9.0.0", "alpha", "9.0.0", ">=9.0.0", "v900.alpha",
                TestPluginBuilder.tokenizerEntryPoint("v900.alpha", "alpha-tok"));
        try (VoxtokRuntime rt = start()) {
            assertEquals(1, rt.plugins().size());
            assertEquals("1.2.0", rt.plugins().get(0).version());
            assertEquals(1, rt.shadowedPlugins().size());
            ShadowedPlugin s = rt.shadowedPlugins().get(0);
            assertEquals("1.0.0", s.version());
            assertEquals("1.2.0", s.loadedVersion());
            assertEquals(1, rt.refusedPlugins().size());
            assertEquals("9.0.0", rt.refusedPlugins().get(0).version());
            assertTrue(rt.refusedPlugins().get(0).reason().contains("requires SPI >=9.0.0"));
        }
    }

    @Test
    void removingAZipRemovesThePlugin() throws Exception {
        Path staging = Files.createDirectories(dir.resolve(".staging"));
        Path built = TestPluginBuilder.build(staging, "zipped", ">=1.0.0", "z.zipped",
                TestPluginBuilder.tokenizerEntryPoint("z.zipped", "zipped-tok"));
        Path zip = dir.resolve("zipped-1.0.0.zip");
        zip(built, zip);
        good("byhand", "byhand-tok");
        try (VoxtokRuntime rt = start()) {
            assertEquals(List.of("byhand", "zipped"), loaded(rt));
        }
        assertTrue(Files.isDirectory(dir.resolve("zipped-1.0.0")));
        Files.delete(zip);
        try (VoxtokRuntime rt = start()) {
            assertEquals(List.of("byhand"), loaded(rt), "a directory unpacked from a deleted zip must not load");
            assertTrue(rt.refusedPlugins().isEmpty(), rt.refusedPlugins().toString());
        }
        assertFalse(Files.exists(dir.resolve("zipped-1.0.0")), "the stale unpacked directory is removed");
        assertTrue(Files.isDirectory(dir.resolve("byhand")), "a directory unpacked by hand stays");
    }

    private static void zip(Path from, Path zip) throws IOException {
        try (OutputStream os = Files.newOutputStream(zip); ZipOutputStream z = new ZipOutputStream(os);
             Stream<Path> s = Files.walk(from)) {
            for (Path p : s.filter(Files::isRegularFile).sorted().toList()) {
                z.putNextEntry(new ZipEntry(from.relativize(p).toString().replace('\\', '/')));
                Files.copy(p, z);
                z.closeEntry();
            }
        }
    }
}
