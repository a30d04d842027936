package io.voxtok.data.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.voxtok.api.ErrorKind;
import io.voxtok.api.VoxtokException;
import io.voxtok.data.PhoneAlignment;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Festival output parsing, script generation and voice checks, from festival output committed under
 * {@code src/test/resources/io/voxtok/data/synth/} (produced by festival 2.5.0 with the script that
 * {@link FestivalSynthesizer#script} writes, text "The quick fox jumped."), so festival need not be installed.
 */
class FestivalSynthesisTest {
    private static final List<String> PHONES = List.of("pau", "dh", "ax", "k", "w", "ih", "k", "f", "aa", "k", "s",
            "jh", "ah", "m", "p", "t", "pau");

    private static String resource(String name) throws IOException {
        try (InputStream in = FestivalSynthesisTest.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("test resource missing: " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void parsesDiphoneSegmentsAndAbsorbsTheWaveformTailIntoTheFinalPause() throws IOException {
        PhoneAlignment a = FestivalOutput.parse(resource("festival-ked-diphone.txt"), "ked");
        assertEquals(PHONES, a.phones());
        assertEquals(0.0, a.segments().get(0).start(), 0);
        assertEquals(0.22, a.segments().get(0).end(), 1e-9);
        assertEquals(0.300801, a.segments().get(3).start(), 1e-9);
        assertEquals(0.434262, a.segments().get(3).end(), 1e-9);
        assertEquals(1.618728, a.segments().get(16).start(), 1e-9);
        // VOXWAVE 33442 16000: the diphone waveform runs 22.6 ms past the last segment end (2.067528 s).
        assertEquals(33442 / 16000.0, a.end(), 1e-9);
    }

    @Test
    void parsesHtsSegmentsOnItsFiveMillisecondGrid() throws IOException {
        PhoneAlignment a = FestivalOutput.parse(resource("festival-slt-hts.txt"), "slt_hts");
        assertEquals(PHONES, a.phones());
        for (int i = 0; i < a.segments().size() - 1; i++) {
            double end = a.segments().get(i).end();
            assertEquals(0, Math.abs(end * 200 - Math.round(end * 200)), 1e-6, "end " + end);
        }
        assertEquals(25121 / 16000.0, a.end(), 1e-9);
    }

    @Test
    void ignoresWarningsMergesZeroLengthSegmentsAndClipsToTheWaveform() {
        String out = "Warning: something\nVOXSEG pau 0.100000\nVOXSEG hh 0.150000\nVOXSEG ax 0.150000\n"
                + "VOXSEG l 0.300000\nVOXSEG pau 0.500000\nVOXWAVE 6400 16000\n";
        PhoneAlignment a = FestivalOutput.parse(out, "x");
        assertEquals(List.of("pau", "hh", "l", "pau"), a.phones());
        assertEquals(0.4, a.end(), 1e-9);
        // A tail longer than MAX_TAIL_S after the last pause is not labelled: it is not festival's timing.
        PhoneAlignment b = FestivalOutput.parse("VOXSEG pau 0.1\nVOXSEG ax 0.2\nVOXSEG pau 0.3\nVOXWAVE 8000 16000\n", "y");
        assertEquals(0.3, b.end(), 1e-9);
        // ... nor is a short tail after a non-pause phone.
        PhoneAlignment c = FestivalOutput.parse("VOXSEG pau 0.1\nVOXSEG ax 0.2\nVOXWAVE 3520 16000\n", "z");
        assertEquals(0.2, c.end(), 1e-9);
    }

    @Test
    void rejectsMalformedOutputWithTheUtteranceNamed() {
        for (String bad : List.of("", "VOXSEG pau 0.1\n", "VOXWAVE 100 16000\n", "VOXSEG pau x\nVOXWAVE 1 16000",
                "VOXSEG pau 0.2\nVOXSEG ax 0.1\nVOXWAVE 8000 16000", "VOXSEG pau 0.2 9\nVOXWAVE 8000 16000",
                "VOXSEG pau 0.2\nVOXWAVE 8000 0")) {
            VoxtokException e = assertThrows(VoxtokException.class, () -> FestivalOutput.parse(bad, "utt42"), bad);
            assertEquals(ErrorKind.ENVIRONMENT, e.kind());
            assertTrue(e.getMessage().contains("utt42"), e.getMessage());
        }
    }

    @Test
    void scriptSelectsTheVoiceSetsTheRateAndQuotesText() {
        String d = FestivalSynthesizer.script(FestivalSynthesizer.VOICES.get("ked"), "Say \"hi\" \\ now.", 1.25,
                Path.of("/tmp/a b.wav"));
        assertTrue(d.startsWith("(voice_ked_diphone)\n"), d);
        assertTrue(d.contains("(Parameter.set 'Duration_Stretch (* 1.2500 (Parameter.get 'Duration_Stretch)))"), d);
        assertTrue(d.contains("(Utterance Text \"Say \\\"hi\\\" \\\\ now.\")"), d);
        assertTrue(d.contains("(utt.save.wave utt \"/tmp/a b.wav\" 'riff)"), d);
        assertTrue(d.contains("VOXSEG %s %f") && d.contains("VOXWAVE %s %s"), d);
        String h = FestivalSynthesizer.script(FestivalSynthesizer.VOICES.get("slt_hts"), "Hi.", 1.25, Path.of("o.wav"));
        assertTrue(h.startsWith("(voice_cmu_us_slt_arctic_hts)\n"), h);
        assertTrue(h.contains("(list \"-r\" 0.8000)"), h);
    }

    @Test
    void missingVoiceNamesItsDebianPackage() {
        VoiceSpec ked = new VoiceSpec("ked_v0", FestivalSynthesizer.ENGINE, "ked", "ked", 0, 1, 0);
        VoiceSpec hts = new VoiceSpec("slthts_v0", FestivalSynthesizer.ENGINE, "slt_hts", "slt", 0, 1, 0);
        FestivalSynthesizer.checkVoicesListed("VOXVOICES (cmu_us_slt_arctic_hts ked_diphone kal_diphone)\n", List.of(ked, hts));
        VoxtokException e = assertThrows(VoxtokException.class,
                () -> FestivalSynthesizer.checkVoicesListed("VOXVOICES (kal_diphone ked_diphone)\n", List.of(ked, hts)));
        assertEquals(ErrorKind.ENVIRONMENT, e.kind());
        assertTrue(e.getMessage().contains("apt-get install festvox-us-slt-hts"), e.getMessage());
        VoxtokException f = assertThrows(VoxtokException.class,
                () -> FestivalSynthesizer.checkVoicesListed("VOXVOICES (kal_diphone)\n", List.of(ked)));
        assertTrue(f.getMessage().contains("apt-get install festvox-kdlpc16k"), f.getMessage());
    }
}
