package io.voxtok.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import japicmp.cmp.JApiCmpArchive;
import japicmp.cmp.JarArchiveComparator;
import japicmp.cmp.JarArchiveComparatorOptions;
import japicmp.model.AccessModifier;
import japicmp.model.JApiClass;
import japicmp.model.JApiCompatibility;
import japicmp.model.JApiCompatibilityChange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javassist.ClassPool;
import javassist.CtClass;
import javassist.CtMethod;
import javassist.CtNewMethod;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SPI compatibility gate, at test time: the compiled SPI against the last released one (the same comparison the
 * build's japicmp step makes in {@code verify}), and proof that the comparison catches the breaks that matter.
 */
class SpiCompatibilityGateTest {
    private static final Path BASELINE = Path.of("api-baseline/sdk-api-spi-1.1.0.jar");
    private static final Path CLASSES = Path.of("target/classes");

    @TempDir
    Path dir;

    @Test
    void theSpiIsCompatibleWithTheLastRelease() throws Exception {
        List<String> breaks = incompatibilities(BASELINE, jar(CLASSES, dir.resolve("current.jar"), null));
        assertEquals(List.of(), breaks, "breaking SPI changes against " + BASELINE);
    }

    @Test
    void aRemovedMethodAndANewAbstractInterfaceMethodAreCaught() throws Exception {
        ClassPool pool = new ClassPool(true);
        pool.appendClassPath(CLASSES.toString());
        CtClass spec = pool.get("io.voxtok.api.token.TokenizerSpec");
        spec.removeMethod(spec.getDeclaredMethod("bitrate"));
        CtClass teacher = pool.get("io.voxtok.api.teacher.Teacher");
        teacher.addMethod(CtNewMethod.abstractMethod(CtClass.intType, "layerCountForGate", new CtClass[0], null, teacher));
        Path broken = jar(CLASSES, dir.resolve("broken.jar"), pool);
        List<String> breaks = incompatibilities(BASELINE, broken);
        assertTrue(breaks.contains("io.voxtok.api.token.TokenizerSpec.bitrate: METHOD_REMOVED"), breaks.toString());
        assertTrue(breaks.contains("io.voxtok.api.teacher.Teacher.layerCountForGate: METHOD_ADDED_TO_INTERFACE"),
                breaks.toString());
    }

    @Test
    void aNewDefaultMethodPasses() throws Exception {
        ClassPool pool = new ClassPool(true);
        pool.appendClassPath(CLASSES.toString());
        CtClass teacher = pool.get("io.voxtok.api.teacher.Teacher");
        CtMethod m = CtNewMethod.make("public int layerCountForGate() { return 0; }", teacher);
        teacher.addMethod(m);
        assertEquals(List.of(), incompatibilities(BASELINE, jar(CLASSES, dir.resolve("grown.jar"), pool)));
    }

    /** "Type.member: CHANGE" for every binary- or source-incompatible change, with the build's options. */
    private static List<String> incompatibilities(Path oldJar, Path newJar) {
        JarArchiveComparatorOptions options = new JarArchiveComparatorOptions();
        options.setAccessModifier(AccessModifier.PROTECTED);
        List<JApiClass> classes = new JarArchiveComparator(options).compare(
                new JApiCmpArchive(oldJar.toFile(), "baseline"), new JApiCmpArchive(newJar.toFile(), "current"));
        List<String> out = new ArrayList<>();
        for (JApiClass c : classes) {
            add(out, c.getFullyQualifiedName(), c);
            c.getMethods().forEach(m -> add(out, c.getFullyQualifiedName() + "." + m.getName(), m));
            c.getConstructors().forEach(m -> add(out, c.getFullyQualifiedName() + ".<init>", m));
            c.getFields().forEach(f -> add(out, c.getFullyQualifiedName() + "." + f.getName(), f));
        }
        return out;
    }

    private static void add(List<String> out, String name, JApiCompatibility c) {
        for (JApiCompatibilityChange change : c.getCompatibilityChanges()) {
            if (!change.isBinaryCompatible() || !change.isSourceCompatible()) {
                out.add(name + ": " + change.getType());
            }
        }
    }

    /** Jars {@code classes}, taking the classes {@code pool} modified from it instead of their files. */
    private static Path jar(Path classes, Path jar, ClassPool pool) throws Exception {
        try (OutputStream os = Files.newOutputStream(jar); ZipOutputStream z = new ZipOutputStream(os);
             Stream<Path> files = Files.walk(classes)) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                String name = classes.relativize(f).toString().replace('\\', '/');
                z.putNextEntry(new ZipEntry(name));
                z.write(bytes(f, name, pool));
                z.closeEntry();
            }
        }
        return jar;
    }

    private static byte[] bytes(Path f, String name, ClassPool pool) throws Exception {
        if (pool != null && name.endsWith(".class")) {
            CtClass c = pool.getOrNull(name.substring(0, name.length() - 6).replace('/', '.'));
            if (c != null && c.isModified()) {
                return c.toBytecode();
            }
        }
        try {
            return Files.readAllBytes(f);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
