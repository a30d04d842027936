package io.voxtok.data.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.voxtok.api.ErrorKind;
import io.voxtok.api.VoxtokException;
import io.voxtok.data.synth.ExternalTool;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The espeak front-end. The expected sequences were generated once with espeak-ng 1.51 (Debian,
 * {@code espeak-ng -q --ipa --sep=_ -v en-us -- TEXT} per punctuation-free piece, e.g. {@code ð_ə h_ˈʌ_ŋ_ɡ_ɹ_i
 * k_w_ˈiː_n ...}) and turned into tokens by hand following phonemizer's and vall-e's rules (stress removed,
 * punctuation restored, {@code |} dropped, {@code _} between words). Another espeak-ng version may phonemize some
 * words differently.
 */
class EspeakPhonemizerTest {
    private static boolean espeakInstalled() {
        try {
            new ExternalTool("espeak-ng", "espeak-ng").require();
            return true;
        } catch (VoxtokException e) {
            System.err.println("EspeakPhonemizerTest: espeak-ng is not installed, espeak tests skipped: " + e.getMessage());
            return false;
        }
    }

    @Test
    void postprocessingFollowsPhonemizer() {
        assertEquals("h|ə|l|oʊ_w|ɜː|l|d", EspeakPhonemizer.postprocess(" h_ə_l_ˈoʊ\nw_ˈɜː_l_d "));
        // espeak-ng issue 694: doubled and word-final separators; stress marks (also ' and -) go away
        assertEquals("d|ɪ|d_j|ɛ|s|t|ɚ|d|eɪ", EspeakPhonemizer.postprocess("d__ˈɪ_d_ j_ˈɛ_s_t_ɚ_d_ˌeɪ"));
        assertEquals("", EspeakPhonemizer.postprocess("  "));
    }

    @Test
    void sentencesOfTheCorpus() {
        assumeTrue(espeakInstalled(), "espeak-ng is not installed (apt-get install espeak-ng)");
        EspeakPhonemizer p = EspeakPhonemizer.official();
        assertEquals(List.of("ð", "ə", "_", "h", "ʌ", "ŋ", "ɡ", "ɹ", "i", "_", "k", "w", "iː", "n", "_", "p", "eɪ", "n",
                "t", "ᵻ", "d", "_", "ð", "ə", "_", "h", "ɛ", "v", "i", "_", "b", "ɹ", "ɛ", "d", "_", "æ", "t", "_", "d", "ɔː",
                "n", "."), p.phonemize("The hungry queen painted the heavy bread at dawn."));
        assertEquals("d|ɪ|d_ð|ə_t|iː|tʃ|ɚ_w|ɑː|ʃ_ð|ə_n|uː|z|p|eɪ|p|ɚ_j|ɛ|s|t|ɚ|d|eɪ?",
                p.phonemizeToString(" Did the teacher wash the newspaper yesterday? "));
    }

    @Test
    void innerPunctuationAndSyllabicConsonants() {
        assumeTrue(espeakInstalled(), "espeak-ng is not installed (apt-get install espeak-ng)");
        EspeakPhonemizer p = EspeakPhonemizer.official();
        assertEquals(List.of("h", "ə", "l", "oʊ", ",", "_", "w", "ɜː", "l", "d", "."), p.phonemize("Hello, world."));
        assertEquals(List.of("ð", "ə", "_", "b", "ʌ", "ʔ", "n", "\u0329", "z", "_", "ð", "ɛɹ", ";", "_", "ɪ", "z", "ə",
                "n", "t", "_", "ɪ", "t", "?"), p.phonemize("The button's there; isn't it?"));
        assertEquals(List.of("?"), p.phonemize("?"));
    }

    @Test
    void aMissingProgramOrVoiceIsAClearError() {
        EspeakPhonemizer missing = new EspeakPhonemizer(new ExternalTool("espeak-ng-not-installed", "espeak-ng"), "en-us");
        VoxtokException e = assertThrows(VoxtokException.class, () -> missing.phonemize("hello"));
        assertEquals(ErrorKind.ENVIRONMENT, e.kind());
        assertTrue(e.getMessage().contains("espeak-ng-not-installed") && e.getMessage().contains("apt-get install espeak-ng"),
                e.getMessage());
        assumeTrue(espeakInstalled(), "espeak-ng is not installed (apt-get install espeak-ng)");
        EspeakPhonemizer badVoice = new EspeakPhonemizer(new ExternalTool("espeak-ng", "espeak-ng"), "xx-nonexistent");
        e = assertThrows(VoxtokException.class, () -> badVoice.phonemize("hello"));
        assertTrue(e.getMessage().contains("espeak-ng failed") && e.getMessage().contains("voice does not exist"),
                e.getMessage());
    }
}
