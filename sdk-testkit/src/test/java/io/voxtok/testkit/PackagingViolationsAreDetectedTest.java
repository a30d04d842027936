package io.voxtok.testkit;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.voxtok.api.SpiVersion;
import io.voxtok.api.VoxtokPlugin;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Shows that each packaging check can fail: a plugin directory with one deliberate flaw (services file, descriptor,
 * factory options) fails the check that flaw breaks, while the correct directory passes all of them.
 */
final class PackagingViolationsAreDetectedTest {
    private static final String SERVICES = "META-INF/services/io.voxtok.api.VoxtokPlugin";
    private static final String GOOD_DESCRIPTOR = "plugin.id=residual-scalar\nplugin.version=1.0.0\n"
            + "plugin.requires=>=1.0.0 & <2.0.0\nplugin.provider=Voxtok testkit\n"
            + "plugin.description=residual scalar tokenizer\n";

    @TempDir
    Path dir;

    /** The packaging kit on a plugin directory made by the test. */
    private static final class Kit extends AbstractPluginPackagingTest {
        private final Class<? extends VoxtokPlugin> entry;
        private final Path root;

        Kit(Class<? extends VoxtokPlugin> entry, Path root) {
            this.entry = entry;
            this.root = root;
        }

        @Override
        protected Class<? extends VoxtokPlugin> entryPoint() {
            return entry;
        }

        @Override
        protected Path pluginRoot() {
            return root;
        }
    }

    /** One packaging check, called directly on a kit instance. */
    @FunctionalInterface
    interface Check {
        void run(AbstractPluginPackagingTest kit);
    }

    private void write(String path, String text) throws IOException {
        Path file = dir.resolve(path);
        Files.createDirectories(file.getParent() == null ? dir : file.getParent());
        Files.writeString(file, text);
    }

    private void goodPlugin() throws IOException {
        write(SERVICES, "# the entry point\n" + ResidualScalarPlugin.class.getName() + "\n");
        write("plugin.properties", GOOD_DESCRIPTOR);
    }

    static Stream<Arguments> violations() {
        return Stream.of(
                violation("no services file", d -> delete(d.resolve(SERVICES)), "no " + SERVICES,
                        AbstractPluginPackagingTest::servicesFileNamesTheEntryPoint),
                violation("services file naming another class", d -> rewrite(d.resolve(SERVICES),
                        "org.example.Missing\n"), "must name exactly the entry point",
                        AbstractPluginPackagingTest::servicesFileNamesTheEntryPoint),
                violation("no descriptor", d -> delete(d.resolve("plugin.properties")), "no plugin.properties",
                        AbstractPluginPackagingTest::descriptorAcceptsThisSpiVersion),
                violation("descriptor for the next major SPI", d -> rewrite(d.resolve("plugin.properties"),
                        GOOD_DESCRIPTOR.replace(">=1.0.0 & <2.0.0", ">=2.0.0 & <3.0.0")),
                        "does not contain this SPI version",
                        AbstractPluginPackagingTest::descriptorAcceptsThisSpiVersion),
                violation("unfiltered descriptor", d -> rewrite(d.resolve("plugin.properties"),
                        GOOD_DESCRIPTOR.replace("plugin.version=1.0.0", "plugin.version=${project.version}")),
                        "was not filtered", AbstractPluginPackagingTest::descriptorAcceptsThisSpiVersion),
                violation("descriptor without provider", d -> rewrite(d.resolve("plugin.properties"),
                        GOOD_DESCRIPTOR.replace("plugin.provider=Voxtok testkit\n", "")), "no plugin.provider",
                        AbstractPluginPackagingTest::descriptorAcceptsThisSpiVersion));
    }

    private static Arguments violation(String flaw, Consumer<Path> damage, String expected, Check check) {
        return Arguments.of(flaw, damage, expected, check);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("violations")
    void flawedDirectoryFailsItsCheckAndTheCorrectOnePassesIt(String flaw, Consumer<Path> damage, String expected,
                                                               Check check) throws IOException {
        goodPlugin();
        check.run(new Kit(ResidualScalarPlugin.class, dir));
        damage.accept(dir);
        AssertionError e = assertThrows(AssertionError.class, () -> check.run(new Kit(ResidualScalarPlugin.class, dir)),
                "the check must fail for: " + flaw);
        assertTrue(e.getMessage() != null && e.getMessage().contains(expected),
                () -> "failed for another reason than " + flaw + ": " + e.getMessage());
    }

    @Test
    void aFactoryAcceptingUnknownOptionsFailsAndAStrictOnePasses() throws IOException {
        goodPlugin();
        new Kit(ResidualScalarPlugin.class, dir).factoriesDescribeThemselvesAndRefuseUnknownOptions();
        AssertionError e = assertThrows(AssertionError.class,
                () -> new Kit(LenientOptionsPlugin.class, dir).factoriesDescribeThemselvesAndRefuseUnknownOptions());
        assertTrue(e.getMessage().contains(AbstractPluginPackagingTest.UNKNOWN_OPTION)
                && e.getMessage().contains("returned normally"), e.getMessage());
    }

    @Test
    void spiRangesAreReadLikeTheRuntime() {
        assertTrue(SpiVersionRange.contains(">=1.0.0 & <2.0.0", "1.2.0"));
        assertTrue(SpiVersionRange.contains(">=1.2.0 & <2.0.0", "1.2.0"));
        assertTrue(!SpiVersionRange.contains(">=1.3.0 & <2.0.0", "1.2.0"));
        assertTrue(!SpiVersionRange.contains(">=2.0.0", "1.9.9"));
        assertTrue(SpiVersionRange.contains("=1.0.0 | >=1.2.0 & <2.0.0", "1.2.5"));
        assertTrue(SpiVersionRange.contains("1.2.0", "1.2.0"));
        assertTrue(SpiVersionRange.contains("*", SpiVersion.CURRENT));
        assertTrue(!SpiVersionRange.contains(">1.2.0 || <1.0.0", "1.2.0"));
        assertThrows(IllegalArgumentException.class, () -> SpiVersionRange.contains("~1.2", "1.2.0"));
    }

    private static void delete(Path file) {
        try {
            Files.delete(file);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static void rewrite(Path file, String text) {
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
