package io.voxtok.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.voxtok.api.audio.AudioBuffer;
import io.voxtok.audio.AudioReader;
import io.voxtok.modelio.NpyFile;
import io.voxtok.runtime.token.TokenFile;
import io.voxtok.runtime.token.TokenFileContents;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SpeechTokenizer commands of the README on the shared parity checkpoint, through the packaged plugin. */
class SpeechTokenizerCliTest {
    @TempDir
    Path dir;

    private static Path fixture() {
        return Path.of(System.getProperty("voxtok.shared"), "fixtures", "parity", "speechtokenizer");
    }

    @Test
    void encodeWithStartLayerWritesTheOfficialCodesAsNpy() {
        Path out = dir.resolve("codes.npy");
        Cli r = Cli.run("encode", "-t", "speechtokenizer", "-m", fixture().toString(), "--start-layer", "1", "--n-q", "3",
                fixture().resolve("utt1_16k.wav").toString(), "-o", out.toString());
        assertEquals(0, r.code(), r.err());
        long[] ours = NpyFile.read(out).toLongArray();
        long[] official = NpyFile.read(fixture().resolve("expected/utt1_codes_nq3_st1.npy")).toLongArray();
        assertArrayEquals(official, ours);
    }

    @Test
    void resynthAndVoiceConversionProduceAudioOfTheSourceLength() {
        Path in = fixture().resolve("utt1_16k.wav");
        Path resynth = dir.resolve("r.wav");
        Cli r = Cli.run("resynth", "-t", "speechtokenizer", "-m", fixture().toString(), in.toString(), "-o",
                resynth.toString());
        assertEquals(0, r.code(), r.err());
        AudioBuffer y = AudioReader.read(resynth);
        assertEquals(16000, y.sampleRate());
        assertEquals(100 * 320, y.frames(), "ceil(31999 / 320) frames x 320 samples");

        Path vc = dir.resolve("vc.wav");
        Cli v = Cli.run("vc", "-t", "speechtokenizer", "-m", fixture().toString(), "--source", in.toString(),
                "--reference", fixture().resolve("utt3_16k.wav").toString(), "-o", vc.toString());
        assertEquals(0, v.code(), v.err());
        AudioBuffer c = AudioReader.read(vc);
        assertEquals(y.frames(), c.frames());
        float[] a = y.toArray();
        float[] b = c.toArray();
        double diff = 0;
        for (int i = 0; i < a.length; i++) {
            diff += Math.abs(a[i] - b[i]);
        }
        assertTrue(diff > 0, "swapping RVQ-2..8 must change the audio");
    }

    @Test
    void tokenFilesRecordTheProducerAndDecodeBack() {
        Path tok = dir.resolve("u.vtok");
        assertEquals(0, Cli.run("encode", "-t", "speechtokenizer", "-m", fixture().toString(),
                fixture().resolve("utt2_16k.wav").toString(), "-o", tok.toString()).code());
        TokenFileContents c = TokenFile.read(tok);
        assertEquals("speechtokenizer", c.tokens().producer().name());
        assertEquals(64, c.tokens().producer().weightsHash().length());
        assertEquals(16000, c.sampleRate());
        assertEquals(320, c.hopLength());
        assertEquals(8, c.tokens().layers());
        Path wav = dir.resolve("u.wav");
        Cli d = Cli.run("decode", "-t", "speechtokenizer", "-m", fixture().toString(), tok.toString(), "-o", wav.toString());
        assertEquals(0, d.code(), d.err());
        Cli wrong = Cli.run("decode", "-t", "mulaw", tok.toString(), "-o", dir.resolve("x.wav").toString());
        assertEquals(1, wrong.code());
        assertTrue(wrong.err().contains("speechtokenizer"), wrong.err());
    }
}
