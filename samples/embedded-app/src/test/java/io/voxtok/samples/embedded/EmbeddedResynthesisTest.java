package io.voxtok.samples.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.voxtok.api.audio.AudioBuffer;
import io.voxtok.audio.WavWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedResynthesisTest {
    @TempDir
    Path dir;

    @Test
    void onlyTheEnabledPluginIsLoaded() {
        Path plugins = Path.of(System.getProperty("voxtok.root")).resolve("plugins");
        float[] x = new float[8000];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (0.5 * Math.sin(2 * Math.PI * 300 * i / 8000.0));
        }
        Path in = dir.resolve("in.wav");
        WavWriter.write(in, AudioBuffer.ofMono(x, 8000));
        EmbeddedResynthesis.Result r = EmbeddedResynthesis.resynthesize(plugins, "mulaw", "mulaw", in, dir.resolve("out.wav"));
        assertEquals(List.of("mulaw"), r.loadedPlugins());
        assertEquals(8000, r.tokens().frames());
        assertEquals(8000, r.output().frames());
    }
}
