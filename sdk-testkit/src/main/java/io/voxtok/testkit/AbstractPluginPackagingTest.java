package io.voxtok.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.voxtok.api.Component;
import io.voxtok.api.ComponentConfig;
import io.voxtok.api.ComponentContext;
import io.voxtok.api.ComponentFactory;
import io.voxtok.api.ErrorKind;
import io.voxtok.api.SpiVersion;
import io.voxtok.api.VoxtokException;
import io.voxtok.api.VoxtokPlugin;
import io.voxtok.api.backend.BackendKind;
import io.voxtok.api.backend.BackendSpec;
import io.voxtok.api.backend.DeviceSpec;
import io.voxtok.api.token.TokenizerFactory;
import java.io.IOException;
import java.io.StringReader;
import java.lang.reflect.Constructor;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The packaging checks every plugin runs once, on its built classes (or jar): what the runtime reads before any
 * component is created. Extend it in the plugin's tests and name the entry point:
 *
 * <pre>{@code
 * class MulawPluginPackagingTest extends AbstractPluginPackagingTest {
 *     @Override
 *     protected Class<? extends VoxtokPlugin> entryPoint() {
 *         return MulawPlugin.class;
 *     }
 * }
 * }</pre>
 *
 * <p><b>What is checked</b>: {@code META-INF/services/io.voxtok.api.VoxtokPlugin} next to the entry point names
 * exactly that class, which is public, concrete and has a public no-argument constructor; {@code plugin.properties}
 * next to it is filtered (no {@code ${...}} left), names the plugin and its version, has a provider and a
 * description, and its {@code plugin.requires} range contains this SPI version (otherwise the runtime refuses the
 * plugin); every factory it lists has an id (unique per kind), a description and backends, a tokenizer factory has
 * a default spec, and {@code create} refuses an unknown option with a {@code USER_INPUT} error naming it.
 *
 * <p>Factories that need a model get one through {@link #configFor(ComponentFactory)} so that the unknown option,
 * not the missing model, is what they must refuse.
 */
public abstract class AbstractPluginPackagingTest {
    /** The option no factory knows, added to {@link #configFor(ComponentFactory)} by the options check. */
    public static final String UNKNOWN_OPTION = "voxtok-testkit-unknown-option";

    private static final String SERVICES = "META-INF/services/" + VoxtokPlugin.class.getName();
    private static final String DESCRIPTOR = "plugin.properties";

    /** The plugin's entry point, the class its services file must name. */
    protected abstract Class<? extends VoxtokPlugin> entryPoint();

    /**
     * Where the plugin's classes and resources are: a directory ({@code target/classes}) or a jar. Default: where
     * {@link #entryPoint()} was loaded from.
     */
    protected Path pluginRoot() {
        try {
            return Path.of(entryPoint().getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException | NullPointerException e) {
            return fail("cannot tell where " + entryPoint().getName() + " was loaded from: " + e);
        }
    }

    /**
     * A configuration {@code factory} accepts as it is (a model for factories that need one); the options check adds
     * {@link #UNKNOWN_OPTION} to it. Default: empty.
     */
    protected ComponentConfig configFor(ComponentFactory<?> factory) {
        return ComponentConfig.empty();
    }

    /** The host context {@code factory} is created in. Default: its first backend, on the CPU, one thread. */
    protected ComponentContext contextFor(ComponentFactory<?> factory) {
        BackendKind kind = factory.supportedBackends().stream().sorted().findFirst().orElse(BackendKind.PURE_JAVA);
        return new TestComponentContext(new BackendSpec(kind, DeviceSpec.cpu(), 1));
    }

    /** The services file names the entry point, which the runtime can create. */
    @Test
    public void servicesFileNamesTheEntryPoint() {
        Class<? extends VoxtokPlugin> entry = entryPoint();
        String text = read(SERVICES).orElseGet(() -> fail("no " + SERVICES + " in " + pluginRoot()
                + ": the runtime finds a plugin's entry point only through this file"));
        List<String> names = new ArrayList<>();
        for (String line : text.split("\\R")) {
            String name = line.replaceFirst("#.*", "").trim();
            if (!name.isEmpty()) {
                names.add(name);
            }
        }
        assertEquals(List.of(entry.getName()), names, SERVICES + " in " + pluginRoot()
                + " must name exactly the entry point");
        assertTrue(Modifier.isPublic(entry.getModifiers()) && !Modifier.isAbstract(entry.getModifiers()),
                entry.getName() + " must be a public, concrete class");
        newEntryPoint();
    }

    /** plugin.properties is filtered, complete, and its plugin.requires contains this SPI version. */
    @Test
    public void descriptorAcceptsThisSpiVersion() {
        String text = read(DESCRIPTOR).orElseGet(() -> fail("no " + DESCRIPTOR + " in " + pluginRoot()
                + ": the runtime reads the plugin's id, version and SPI range from it"));
        Properties p = new Properties();
        try {
            p.load(new StringReader(text));
        } catch (IOException e) {
            throw new AssertionError(DESCRIPTOR + " cannot be read: " + e, e);
        }
        for (String key : p.stringPropertyNames()) {
            assertFalse(p.getProperty(key).contains("${"), DESCRIPTOR + ": " + key + "=" + p.getProperty(key)
                    + " was not filtered (the build must replace ${...})");
        }
        String id = required(p, "plugin.id");
        assertTrue(id.matches("[A-Za-z0-9][A-Za-z0-9._-]*"), DESCRIPTOR + ": plugin.id '" + id
                + "' must be one word of letters, digits, '.', '_' or '-'");
        String version = required(p, "plugin.version");
        assertTrue(version.matches("\\d+\\.\\d+\\.\\d+([-+].*)?"), DESCRIPTOR + ": plugin.version '" + version
                + "' is not MAJOR.MINOR.PATCH");
        required(p, "plugin.provider");
        required(p, "plugin.description");
        String requires = required(p, "plugin.requires");
        boolean contains;
        try {
            contains = SpiVersionRange.contains(requires, SpiVersion.CURRENT);
        } catch (IllegalArgumentException e) {
            throw new AssertionError(DESCRIPTOR + ": plugin.requires: " + e.getMessage(), e);
        }
        assertTrue(contains, DESCRIPTOR + ": plugin.requires '" + requires + "' does not contain this SPI version "
                + SpiVersion.CURRENT + ", so the runtime refuses the plugin");
    }

    /**
     * Every factory has an id unique per kind, a description and backends (a tokenizer factory a default spec), and
     * refuses an unknown option with USER_INPUT naming it.
     */
    @Test
    public void factoriesDescribeThemselvesAndRefuseUnknownOptions() {
        VoxtokPlugin plugin = newEntryPoint();
        Map<String, List<? extends ComponentFactory<?>>> kinds = new LinkedHashMap<>();
        kinds.put("tokenizers()", plugin.tokenizers());
        kinds.put("teachers()", plugin.teachers());
        kinds.put("discriminators()", plugin.discriminators());
        kinds.put("languageModels()", plugin.languageModels());
        kinds.put("benchmarks()", plugin.benchmarks());
        kinds.put("speakerEncoders()", plugin.speakerEncoders());
        int total = 0;
        for (Map.Entry<String, List<? extends ComponentFactory<?>>> kind : kinds.entrySet()) {
            List<? extends ComponentFactory<?>> factories = kind.getValue();
            assertNotNull(factories, entryPoint().getSimpleName() + "." + kind.getKey() + " returned null");
            Set<String> ids = new HashSet<>();
            for (ComponentFactory<?> f : factories) {
                String where = entryPoint().getSimpleName() + "." + kind.getKey() + ": factory " + f.getClass().getName();
                assertNotNull(f.id(), where + " has no id()");
                assertTrue(ids.add(f.id().toString()), where + ": id " + f.id() + " appears twice");
                assertTrue(f.description() != null && !f.description().isBlank(), where + " (" + f.id()
                        + ") has no description()");
                assertTrue(f.supportedBackends() != null && !f.supportedBackends().isEmpty(), where + " (" + f.id()
                        + ") supports no backend");
                if (f instanceof TokenizerFactory t) {
                    assertNotNull(t.defaultSpec(), where + " (" + f.id() + ") has no defaultSpec()");
                }
                assertRefusesUnknownOption(f, where + " (" + f.id() + ")");
                total++;
            }
        }
        assertTrue(total > 0, entryPoint().getName() + " lists no factory at all");
    }

    private void assertRefusesUnknownOption(ComponentFactory<?> f, String where) {
        ComponentConfig config = configFor(f).with(UNKNOWN_OPTION, "1");
        String what = where + ": create with the unknown option '" + UNKNOWN_OPTION + "'";
        Component made;
        try {
            made = f.create(config, contextFor(f));
        } catch (VoxtokException e) {
            assertEquals(ErrorKind.USER_INPUT, e.kind(), () -> what + ": wrong error kind; message was: "
                    + e.getMessage());
            assertTrue(e.getMessage() != null && e.getMessage().contains(UNKNOWN_OPTION), () -> what
                    + ": the message should name the option but was: " + e.getMessage());
            return;
        } catch (RuntimeException e) {
            throw new AssertionError(what + ": expected VoxtokException(USER_INPUT) but got " + e, e);
        }
        if (made != null) {
            made.close();
        }
        fail(what + " returned normally: unknown options must be refused (ComponentFactory.create)");
    }

    private VoxtokPlugin newEntryPoint() {
        Class<? extends VoxtokPlugin> entry = entryPoint();
        try {
            Constructor<? extends VoxtokPlugin> c = entry.getConstructor();
            return c.newInstance();
        } catch (NoSuchMethodException e) {
            return fail(entry.getName() + " has no public no-argument constructor, which ServiceLoader needs");
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new AssertionError(entry.getName() + " cannot be created: " + e, e);
        }
    }

    private static String required(Properties p, String key) {
        String v = p.getProperty(key);
        assertTrue(v != null && !v.isBlank(), DESCRIPTOR + " has no " + key);
        return v.trim();
    }

    /** A text resource of the plugin root (directory or jar), if present. */
    private Optional<String> read(String path) {
        Path root = pluginRoot();
        try {
            if (Files.isDirectory(root)) {
                Path file = root.resolve(path);
                return Files.isRegularFile(file) ? Optional.of(Files.readString(file, StandardCharsets.UTF_8))
                        : Optional.empty();
            }
            try (FileSystem jar = FileSystems.newFileSystem(root)) {
                Path file = jar.getPath(path);
                return Files.isRegularFile(file) ? Optional.of(Files.readString(file, StandardCharsets.UTF_8))
                        : Optional.empty();
            }
        } catch (IOException e) {
            throw new AssertionError("cannot read " + path + " in " + root + ": " + e, e);
        }
    }
}
