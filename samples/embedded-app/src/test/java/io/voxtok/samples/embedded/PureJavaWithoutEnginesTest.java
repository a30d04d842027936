package io.voxtok.samples.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.voxtok.api.audio.AudioBuffer;
import io.voxtok.audio.WavWriter;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An application using only a pure-Java plugin runs with no engine on its class path: the mu-law sample, in a JVM
 * whose class path is this test's minus every DJL PyTorch and ONNX Runtime jar.
 */
class PureJavaWithoutEnginesTest {
    @TempDir
    Path dir;

    @Test
    void theMulawSampleRunsWithNoEngineJarPresent() throws Exception {
        String[] cp = System.getProperty("java.class.path").split(File.pathSeparator);
        List<String> kept = Arrays.stream(cp).filter(e -> !isEngineJar(Path.of(e).getFileName().toString())).toList();
        assertTrue(kept.size() < cp.length, "the test class path should contain engine jars to remove");
        assertTrue(kept.stream().noneMatch(e -> e.contains("pytorch") || e.contains("onnxruntime")), kept.toString());
        float[] x = new float[8000];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (0.5 * Math.sin(2 * Math.PI * 300 * i / 8000.0));
        }
        Path in = dir.resolve("in.wav");
        Path out = dir.resolve("out.wav");
        WavWriter.write(in, AudioBuffer.ofMono(x, 8000));
        Path plugins = Path.of(System.getProperty("voxtok.root")).resolve("plugins");
        Path log = dir.resolve("child.log");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", String.join(File.pathSeparator, kept), EmbeddedResynthesis.class.getName(),
                plugins.toString(), "mulaw", "mulaw", in.toString(), out.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "child JVM did not finish");
        String text = Files.readString(log);
        assertEquals(0, p.exitValue(), text);
        assertTrue(text.contains("plugins loaded: [mulaw]; 8000 token frames"), text);
        assertTrue(Files.size(out) > 8000, "decoded audio written");
    }

    private static boolean isEngineJar(String name) {
        return name.startsWith("pytorch-") || name.startsWith("onnxruntime");
    }
}
