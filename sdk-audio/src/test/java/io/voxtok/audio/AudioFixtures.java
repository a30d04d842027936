package io.voxtok.audio;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The committed fixtures of src/test/resources/io/voxtok/audio, made by src/test/python/make_audio_fixtures.py
 * with Python's wave module, hand-packed RIFF bytes and sox.
 */
final class AudioFixtures {
    private AudioFixtures() {
    }

    /** The path of a fixture file; fails when it is missing. */
    static Path file(String name) {
        URL url = AudioFixtures.class.getResource(name);
        if (url == null) {
            throw new IllegalStateException("missing test fixture " + name
                    + " (regenerate with src/test/python/make_audio_fixtures.py)");
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The bytes of a fixture file. */
    static byte[] readBytes(String name) {
        try {
            return Files.readAllBytes(file(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The numpy-computed expected samples of {@code <base>.wav}: raw little-endian float32, interleaved. */
    static float[] expected(String base) {
        try {
            ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file(base + ".expected.f32"))).order(ByteOrder.LITTLE_ENDIAN);
            float[] out = new float[b.remaining() / 4];
            b.asFloatBuffer().get(out);
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The integer signal encoded in the {@code flacsig_*.flac} fixtures, {@code [frame][channel]}: a triangle wave
     * at half scale plus 3-bit LCG noise. Integer arithmetic only, mirroring {@code flac_signal} in the generator.
     */
    static int[][] flacSignal(int frames, int channels, int bits, long seed) {
        long r = 1L << (bits - 2);
        long state = seed;
        int[][] out = new int[frames][channels];
        for (int i = 0; i < frames; i++) {
            for (int c = 0; c < channels; c++) {
                state = (state * 1664525L + 1013904223L) & 0xFFFF_FFFFL;
                long noise = (state >>> 29) - 4;
                int period = 40 + 17 * c;
                long tri = Math.abs((i % period) * 4 * r / period - 2 * r) - r;
                out[i][c] = (int) (tri + noise);
            }
        }
        return out;
    }
}
