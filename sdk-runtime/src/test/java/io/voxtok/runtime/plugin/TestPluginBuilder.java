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
        Path dir = root.resolve(id);
        Path classes = dir.resolve("classes");
        Files.createDirectories(classes.resolve("META-INF/services"));
        Files.writeString(dir.resolve("plugin.properties"), "plugin.id=" + id + "\nplugin.version=1.0.0\n"
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

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
