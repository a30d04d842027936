package io.voxtok.runtime.plugin;

import java.io.IOException;
import java.io.StringWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;

/**
 * Builds a real plugin directory for tests: {@code plugin.properties}, {@code classes/} compiled from source
 * against the test class path (so against sdk-api), and a {@code META-INF/services} entry point.
 */
public final class TestPluginBuilder {
    private TestPluginBuilder() {
    }

    /**
     * Writes plugin {@code id} into {@code root/id} whose entry point class is {@code pkg.EntryPoint} built from
     * {@code entrySource} (a full compilation unit), plus extra sources.
     */
    public static Path build(Path root, String id, String requires, String pkg, String entrySource,
                             String... extraSources) throws IOException {
        return buildVersion(root, id, id, "1.0.0", requires, pkg, entrySource, extraSources);
    }

    /** Like {@link #build(Path, String, String, String, String, String...)} into {@code root/dirName}, at {@code version}. */
    public static Path buildVersion(Path root, String dirName, String id, String version, String requires, String pkg,
                             String entrySource, String... extraSources) throws IOException {
        Path dir = root.resolve(dirName);
        Path classes = dir.resolve("classes");
        Files.createDirectories(classes.resolve("META-INF/services"));
        Files.writeString(dir.resolve("plugin.properties"), "plugin.id=" + id + "\nplugin.version=" + version + "\n"
                + "plugin.requires=" + requires + "\nplugin.provider=test\nplugin.description=test plugin " + id + "\n");
        Files.writeString(classes.resolve("META-INF/services/io.voxtok.api.VoxtokPlugin"), pkg + ".EntryPoint\n");
        java.util.ArrayList<JavaFileObject> units = new java.util.ArrayList<>();
        units.add(source(pkg + ".EntryPoint", entrySource));
        for (String s : extraSources) {
            String name = s.replaceAll("(?s).*?(?:class|interface|record)\\s+(\\w+).*", "$1");
            units.add(source(pkg + "." + name, s));
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        StringWriter log = new StringWriter();
        boolean ok = javac.getTask(log, null, null, List.of("-d", classes.toString(), "-classpath",
                System.getProperty("java.class.path"), "-proc:none"), null, units).call();
        if (!ok) {
            throw new IllegalStateException("test plugin did not compile:\n" + log);
        }
        return dir;
    }

    private static JavaFileObject source(String className, String code) {
        return new SimpleJavaFileObject(URI.create("string:///" + className.replace('.', '/') + ".java"),
                JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return code;
            }
        };
    }

    /** An entry point with no factories whose static initialiser records that the class was loaded. */
    public static String markerEntryPoint(String pkg, String marker) {
        return "package " + pkg + ";\n"
                + "public final class EntryPoint implements io.voxtok.api.VoxtokPlugin {\n"
                + "  static { System.setProperty(\"" + marker + "\", \"loaded\"); }\n"
                + "}\n";
    }

    /** An entry point offering one pure-Java tokenizer factory called {@code tokenizerName} (never created here). */
    public static String tokenizerEntryPoint(String pkg, String tokenizerName) {
        return "package " + pkg + ";\n"
                + "public final class EntryPoint implements io.voxtok.api.VoxtokPlugin {\n"
                + "  @Override public java.util.List<io.voxtok.api.token.TokenizerFactory> tokenizers() {\n"
                + "    return java.util.List.of((io.voxtok.api.token.TokenizerFactory) java.lang.reflect.Proxy.newProxyInstance(\n"
                + "      EntryPoint.class.getClassLoader(), new Class<?>[] {io.voxtok.api.token.TokenizerFactory.class},\n"
                + "      (proxy, m, args) -> switch (m.getName()) {\n"
                + "        case \"id\" -> io.voxtok.api.ComponentId.parse(\"" + tokenizerName + "\");\n"
                + "        case \"toString\" -> \"" + tokenizerName + "\";\n"
                + "        case \"hashCode\" -> System.identityHashCode(proxy);\n"
                + "        case \"equals\" -> proxy == args[0];\n"
                + "        default -> throw new UnsupportedOperationException(m.getName());\n"
                + "      }));\n"
                + "  }\n"
                + "}\n";
    }

    /**
     * An entry point offering a working pure-Java tokenizer {@code name} (8 kHz, one layer: the sample's sign
     * bit), so that a runtime can create and use it without any engine.
     */
    public static String pureJavaTokenizerEntryPoint(String pkg, String name) {
        return "package " + pkg + ";\n"
                + "import io.voxtok.api.*; import io.voxtok.api.audio.*; import io.voxtok.api.backend.*;"
                + " import io.voxtok.api.token.*; import java.util.*;\n"
                + "public final class EntryPoint implements io.voxtok.api.VoxtokPlugin {\n"
                + "  @Override public List<TokenizerFactory> tokenizers() { return List.of(new TokenizerFactory() {\n"
                + "    public ComponentId id() { return ComponentId.of(\"" + name + "\"); }\n"
                + "    public String description() { return \"test\"; }\n"
                + "    public Set<BackendKind> supportedBackends() { return Set.of(BackendKind.PURE_JAVA); }\n"
                + "    public TokenizerSpec defaultSpec() { return new TokenizerSpec(8000, 1, 1, 1, 2, 0, true, false); }\n"
                + "    public boolean requiresModel() { return false; }\n"
                + "    public Tokenizer create(ComponentConfig c, ComponentContext ctx) {\n"
                + "      TokenizerFactory f = this;\n"
                + "      return new Tokenizer() {\n"
                + "        public ComponentId id() { return f.id(); }\n"
                + "        public TokenizerSpec spec() { return f.defaultSpec(); }\n"
                + "        public TokenProducer producer() { return new TokenProducer(\"" + name + "\", \"default\", \"none\"); }\n"
                + "        public TokenMatrix encode(AudioBuffer a, LayerRange l) {\n"
                + "          int[][] codes = new int[1][a.frames()];\n"
                + "          return TokenMatrix.single(codes, 0, 2, 8000, producer());\n"
                + "        }\n"
                + "        public List<AudioBuffer> decodeBatch(TokenMatrix t) { return List.of(); }\n"
                + "        public void close() { }\n"
                + "      };\n"
                + "    }\n"
                + "  }); }\n"
                + "}\n";
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
