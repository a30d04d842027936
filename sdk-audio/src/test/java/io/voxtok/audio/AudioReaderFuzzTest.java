package io.voxtok.audio;

import io.voxtok.api.audio.AudioBuffer;
import io.voxtok.testkit.fuzz.MutationFuzzer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mutation fuzzing of the WAV and FLAC readers as the CLI uses them ({@link AudioReader#readAs}: read, downmix,
 * resample to 16 kHz): every case either reads or fails with a {@code USER_INPUT} error naming the file, within
 * the time and allocation limits of {@link MutationFuzzer} (issue #16). CI runs 1500 cases per format;
 * {@code -Dvoxtok.fuzz.iterations=100000} runs longer.
 */
class AudioReaderFuzzTest {
    @TempDir
    Path dir;

    private static AudioBuffer tone(int frames, int channels, int rate) {
        float[] x = new float[frames * channels];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (0.5 * Math.sin(i * 0.07));
        }
        return AudioBuffer.ofInterleaved(x, rate, channels);
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = AudioReaderFuzzTest.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + name);
            }
            return in.readAllBytes();
        }
    }

    private static void read(Path file) {
        AudioReader.readAs(file, 16_000, 1);
    }

    @Test
    void wav() throws IOException {
        MutationFuzzer f = MutationFuzzer.of("wav", "wav", AudioReaderFuzzTest::read).defaultIterations(1500);
        int n = 0;
        for (WavSampleFormat format : WavSampleFormat.values()) {
            Path p = dir.resolve("seed" + n++ + ".wav");
            WavWriter.write(p, tone(160, 1 + n % 3, 8_000 * (1 + n % 2)), format);
            f.seed(Files.readAllBytes(p));
        }
        for (String r : new String[] {"odd_chunks_u8_mono_11025.wav", "rf64_s16_stereo_16000.wav", "ext_s24_3ch_16000.wav"}) {
            f.seed(resource(r));
        }
        f.run(dir.resolve("cases")).assertNoFindings();
    }

    @Test
    void flac() throws IOException {
        MutationFuzzer.of("flac", "flac", AudioReaderFuzzTest::read).defaultIterations(1500)
                .seed(resource("pcm_s16_stereo_16000.flac"))
                .seed(resource("flacsig_s24_mono_48000.flac"))
                .run(dir.resolve("cases")).assertNoFindings();
    }
}
