package io.voxtok.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.voxtok.api.audio.AudioBuffer;
import io.voxtok.audio.AudioReader;
import io.voxtok.audio.Resampler;
import io.voxtok.audio.WavWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's promises, checked through the CLI on the plugins the build packaged. */
class CliEndToEndTest {
    @TempDir
    Path dir;

    private static AudioBuffer tone(int rate, double seconds) {
        int n = (int) (rate * seconds);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (0.4 * Math.sin(2 * Math.PI * 440 * i / rate) + 0.2 * Math.sin(2 * Math.PI * 1250 * i / rate));
        }
        return AudioBuffer.ofMono(x, rate);
    }

    @Test
    void pluginsListsTheBundledPluginsAndTheSample() {
        Cli r = Cli.run("plugins");
        assertEquals(0, r.code(), r.err());
        for (String id : new String[] {"speechtokenizer", "encodec", "hubert", "uslm", "slmtokbench", "mulaw"}) {
            assertTrue(r.out().contains("\n" + id + " "), id + " missing from:\n" + r.out());
        }
        assertTrue(r.out().contains("mulaw:default"), r.out());
    }

    @Test
    void resynthRoundTripsAWavWithTheSamplePlugin() {
        Path in = dir.resolve("tone.wav");
        WavWriter.write(in, tone(16000, 1.0));
        Path out = dir.resolve("tone-mulaw.wav");
        Cli r = Cli.run("resynth", "--tokenizer", "mulaw", "-o", out.toString(), in.toString());
        assertEquals(0, r.code(), r.err());
        AudioBuffer y = AudioReader.read(out);
        assertEquals(8000, y.sampleRate());
        AudioBuffer x = Resampler.resample(AudioReader.read(in), 8000);
        assertEquals(x.frames(), y.frames());
        double sig = 0;
        double err = 0;
        float[] a = x.toArray();
        float[] b = y.toArray();
        for (int i = 0; i < a.length; i++) {
            sig += a[i] * a[i];
            err += (a[i] - b[i]) * (a[i] - b[i]);
        }
        double snr = 10 * Math.log10(sig / err);
        // 8-bit mu-law gives about 38 dB on full-scale tones; 16-bit WAV output adds little.
        assertTrue(snr > 30, "mu-law resynthesis SNR " + snr + " dB");
    }

    @Test
    void encodeThenDecodeThroughTokenFiles() {
        Path in = dir.resolve("a.wav");
        WavWriter.write(in, tone(8000, 0.5));
        Path tok = dir.resolve("a.vtok");
        assertEquals(0, Cli.run("encode", "-t", "mulaw", "-o", tok.toString(), in.toString()).code());
        Path npy = dir.resolve("a.npy");
        assertEquals(0, Cli.run("encode", "-t", "mulaw", "-o", npy.toString(), in.toString()).code());
        Path wav = dir.resolve("a-dec.wav");
        Cli d = Cli.run("decode", "-t", "mulaw", "-o", wav.toString(), tok.toString());
        assertEquals(0, d.code(), d.err());
        assertEquals(4000, AudioReader.read(wav).frames());
        Path wav2 = dir.resolve("b-dec.wav");
        assertEquals(0, Cli.run("decode", "-t", "mulaw", "-o", wav2.toString(), npy.toString()).code());
        assertEquals(4000, AudioReader.read(wav2).frames());
    }

    @Test
    void exitCodesAndMessages() {
        Cli usage = Cli.run("encode", "--no-such-option");
        assertEquals(2, usage.code());
        Cli missing = Cli.run("resynth", "-t", "mulaw", "-o", dir.resolve("x.wav").toString(),
                dir.resolve("missing.wav").toString());
        assertEquals(1, missing.code());
        assertTrue(missing.err().contains("missing.wav"), missing.err());
        assertFalse(missing.err().contains("\tat "), "no stack trace without --verbose:\n" + missing.err());
        Cli noTok = Cli.run("resynth", "-t", "nosuch", "-o", dir.resolve("x.wav").toString(),
                dir.resolve("missing.wav").toString());
        assertEquals(1, noTok.code());
    }

    @Test
    void tokensOfAnotherProducerAreRefused() throws IOException {
        Path in = dir.resolve("a.wav");
        WavWriter.write(in, tone(8000, 0.2));
        Path tok = dir.resolve("a.vtok");
        assertEquals(0, Cli.run("encode", "-t", "mulaw", "-o", tok.toString(), in.toString()).code());
        // Rewrite the producer name inside the header: same shape, another tokenizer.
        byte[] b = Files.readAllBytes(tok);
        String s = new String(b, StandardCharsets.ISO_8859_1).replace("\"name\":\"mulaw\"", "\"name\":\"mulax\"");
        Files.write(tok, s.getBytes(StandardCharsets.ISO_8859_1));
        Cli r = Cli.run("decode", "-t", "mulaw", "-o", dir.resolve("x.wav").toString(), tok.toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains("mulax") && r.err().contains("mulaw"), r.err());
    }

    @Test
    void aPluginBuiltForAnotherSpiIsRefusedWithBothVersions() throws IOException {
        Path plugins = dir.resolve("plugins");
        Files.createDirectories(plugins);
        Path zip = Files.list(Cli.root().resolve("plugins")).filter(p -> p.getFileName().toString().startsWith("mulaw-")
                && p.toString().endsWith(".zip")).findFirst().orElseThrow();
        Path future = plugins.resolve("mulaw-future.zip");
        try (ZipFile src = new ZipFile(zip.toFile()); OutputStream os = Files.newOutputStream(future);
             ZipOutputStream zos = new ZipOutputStream(os)) {
            for (ZipEntry e : java.util.Collections.list(src.entries())) {
                zos.putNextEntry(new ZipEntry(e.getName()));
                byte[] data = src.getInputStream(e).readAllBytes();
                if (e.getName().equals("plugin.properties")) {
                    data = new String(data, StandardCharsets.ISO_8859_1).replaceAll("plugin.requires=.*",
                            "plugin.requires=>=2.0.0 & <3.0.0").getBytes(StandardCharsets.ISO_8859_1);
                }
                zos.write(data);
                zos.closeEntry();
            }
        }
        Cli r = Cli.run("plugins", "--plugins-dir", plugins.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("REFUSED mulaw") && r.out().contains(">=2.0.0 & <3.0.0")
                && r.out().contains("SPI " + io.voxtok.api.SpiVersion.CURRENT), r.out());
        Cli forced = Cli.run("plugins", "--plugins-dir", plugins.toString(), "--enable-plugin", "mulaw");
        assertEquals(1, forced.code());
        assertTrue(forced.err().contains("requires SPI >=2.0.0 & <3.0.0 but this host provides SPI "
                + io.voxtok.api.SpiVersion.CURRENT), forced.err());
    }

    @Test
    void brokenClashingAndOlderPluginsAreListedWhileTheOthersWork() throws IOException {
        Path plugins = Files.createDirectories(dir.resolve("plugins-mixed"));
        Path zip = Files.list(Cli.root().resolve("plugins")).filter(p -> p.getFileName().toString().startsWith("mulaw-")
                && p.toString().endsWith(".zip")).findFirst().orElseThrow();
        Path metric = Files.list(Cli.root().resolve("plugins")).filter(p -> p.getFileName().toString()
                .startsWith("example-metric-") && p.toString().endsWith(".zip")).findFirst().orElseThrow();
        Files.copy(metric, plugins.resolve(metric.getFileName()));
        Files.copy(zip, plugins.resolve("mulaw-a.zip"));
        copyPlugin(zip, plugins.resolve("mulaw-old.zip"), "plugin.version=.*", "plugin.version=0.9.0", null);
        copyPlugin(zip, plugins.resolve("twin.zip"), "plugin.id=.*", "plugin.id=mulaw-twin", null);
        copyPlugin(metric, plugins.resolve("typo.zip"), "plugin.id=.*", "plugin.id=metric-typo", "org.example.Nope");
        Cli r = Cli.run("plugins", "--plugins-dir", plugins.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("example-metric 1.0.0"), r.out());
        assertTrue(r.out().contains("REFUSED metric-typo") && r.out().contains("no usable entry point"), r.out());
        assertTrue(r.out().contains("REFUSED mulaw-twin") && r.out().contains("REFUSED mulaw 1.0.0")
                && r.out().contains("tokenizer 'mulaw"), r.out());
        assertTrue(r.out().contains("SHADOWED mulaw 0.9.0"), r.out());
        assertTrue(!r.err().contains("\tat "), "no stack trace without -v: " + r.err());
        // the clash is resolved by enabling one of the two
        Path in = dir.resolve("t.wav");
        WavWriter.write(in, tone(8000, 0.1));
        Cli enc = Cli.run("encode", "--plugins-dir", plugins.toString(), "--enable-plugin", "mulaw-twin", "-t", "mulaw",
                "-o", dir.resolve("t.vtok").toString(), in.toString());
        assertEquals(0, enc.code(), enc.err());
    }

    /** Copies a plugin zip, editing one line of plugin.properties and optionally replacing its entry point name. */
    private static void copyPlugin(Path from, Path to, String regex, String replacement, String entryPoint)
            throws IOException {
        try (ZipFile src = new ZipFile(from.toFile()); OutputStream os = Files.newOutputStream(to);
             ZipOutputStream zos = new ZipOutputStream(os)) {
            for (ZipEntry e : java.util.Collections.list(src.entries())) {
                zos.putNextEntry(new ZipEntry(e.getName()));
                byte[] data = src.getInputStream(e).readAllBytes();
                if (e.getName().equals("plugin.properties")) {
                    data = new String(data, StandardCharsets.ISO_8859_1).replaceAll(regex, replacement)
                            .getBytes(StandardCharsets.ISO_8859_1);
                } else if (entryPoint != null && e.getName().endsWith("META-INF/services/io.voxtok.api.VoxtokPlugin")) {
                    data = (entryPoint + "\n").getBytes(StandardCharsets.ISO_8859_1);
                }
                zos.write(data);
                zos.closeEntry();
            }
        }
    }
}
