package io.voxtok.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.voxtok.api.VoxtokException;
import io.voxtok.api.audio.AudioBuffer;
import io.voxtok.audio.AudioReader;
import io.voxtok.data.synth.ExternalTool;
import io.voxtok.data.text.EspeakPhonemizer;
import io.voxtok.data.text.TextVocabulary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code voxtok tts} end to end through the packaged plugins: a tiny randomly initialised USLM over 8 x 256 codes
 * (configs/uslm/tiny-st256.json) with the shipped speechtokenizer-small, a prompt from the bundled test split; and
 * the errors for an incompatible model, an unreadable prompt, a missing espeak-ng and a missing vocabulary.
 */
class TtsCliTest {
    private static final String TEXT = "The cat sat on the mat.";

    @TempDir
    Path dir;

    private static boolean espeakInstalled() {
        try {
            new ExternalTool("espeak-ng", "espeak-ng").require();
            return true;
        } catch (VoxtokException e) {
            System.err.println("TtsCliTest skipped: " + e.getMessage());
            return false;
        }
    }

    /** The first test utterance of the bundled corpus: {audio path, transcript}. */
    private static String[] prompt() throws Exception {
        Path bundled = Cli.root().resolve("corpus/bundled");
        for (String line : Files.readAllLines(bundled.resolve("manifest.jsonl"))) {
            if (line.contains("\"split\":\"test\"")) {
                var node = new com.fasterxml.jackson.databind.ObjectMapper().readTree(line);
                return new String[] {bundled.resolve(node.get("path").asText()).toString(), node.get("text").asText()};
            }
        }
        throw new IllegalStateException("no test utterance in corpus/bundled");
    }

    /** A vocabulary of exactly the phonemes of the texts (what voxtok lm prepare builds from a corpus). */
    private Path vocabulary(String... texts) {
        TreeSet<String> symbols = new TreeSet<>();
        EspeakPhonemizer p = EspeakPhonemizer.official();
        for (String t : texts) {
            symbols.addAll(p.phonemize(t));
        }
        Path v = dir.resolve("unique_text_tokens.k2symbols");
        TextVocabulary.fromSymbols(symbols).write(v);
        return v;
    }

    private List<String> args(String config, Path vocab, String promptFile, String promptText, Path out,
                              String... extra) {
        List<String> a = new ArrayList<>(List.of("tts", "--threads", "1", "--lm-option", "random-init=true",
                "--lm-option", "config=" + Cli.root().resolve("configs/uslm/" + config), "--lm-option", "seed=3",
                "-t", "speechtokenizer", "-m", "speechtokenizer-small", "--text", TEXT, "--prompt", promptFile,
                "--prompt-text", promptText, "--seed", "5", "--max-frames", "120", "-o", out.toString()));
        if (vocab != null) {
            a.addAll(List.of("--vocab", vocab.toString()));
        }
        a.addAll(List.of(extra));
        return a;
    }

    @Test
    void synthesisesAValidWavDeterministically() throws Exception {
        assumeTrue(espeakInstalled(), "espeak-ng is not installed (apt-get install espeak-ng)");
        String[] p = prompt();
        Path vocab = vocabulary(TEXT, p[1]);
        Path out = dir.resolve("out.wav");
        Cli r = Cli.run(args("tiny-st256.json", vocab, p[0], p[1], out).toArray(String[]::new));
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("prompt 3.00 s (150 frames)"), r.out());
        AudioBuffer audio = AudioReader.read(out);
        assertEquals(16000, audio.sampleRate());
        assertEquals(1, audio.channels());
        // whole frames of the tokenizer's hop (320 samples), at most the frame limit
        assertEquals(0, audio.frames() % 320);
        assertTrue(audio.frames() >= 320 && audio.frames() <= 120 * 320, "frames " + audio.frames());
        assertFalse(audio.hasNonFinite());
        float peak = 0;
        for (float s : audio.toArray()) {
            peak = Math.max(peak, Math.abs(s));
        }
        assertTrue(peak > 0, "the decoded audio is not silent");
        try (var files = Files.list(dir)) {
            assertTrue(files.noneMatch(f -> f.getFileName().toString().startsWith(".out.wav")
                    || f.getFileName().toString().endsWith(".tmp")), "no temporary file left");
        }

        Path again = dir.resolve("again.wav");
        assertEquals(0, Cli.run(args("tiny-st256.json", vocab, p[0], p[1], again).toArray(String[]::new)).code());
        assertArrayEquals(Files.readAllBytes(out), Files.readAllBytes(again), "same seed, same audio");
    }

    @Test
    void resamplesAndMixesDownAPromptOfAnotherRateAndChannelCount() throws Exception {
        assumeTrue(espeakInstalled(), "espeak-ng is not installed (apt-get install espeak-ng)");
        String[] p = prompt();
        AudioBuffer mono = AudioReader.readAs(Path.of(p[0]), 24000, 1);
        float[] m = mono.toArray();
        float[] stereo = new float[m.length * 2];
        for (int i = 0; i < m.length; i++) {
            stereo[2 * i] = m[i];
            stereo[2 * i + 1] = m[i];
        }
        Path wav = dir.resolve("prompt-24k-stereo.wav");
        io.voxtok.audio.WavWriter.write(wav, AudioBuffer.ofInterleaved(stereo, 24000, 2));
        Path out = dir.resolve("out.wav");
        Cli r = Cli.run(args("tiny-st256.json", vocabulary(TEXT, p[1]), wav.toString(), p[1], out)
                .toArray(String[]::new));
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("prompt 3.00 s (150 frames)"), r.out());
        assertEquals(16000, AudioReader.read(out).sampleRate());
    }

    @Test
    void refusesAModelBuiltForAnotherCodebookSize() throws Exception {
        assumeTrue(espeakInstalled(), "espeak-ng is not installed (apt-get install espeak-ng)");
        String[] p = prompt();
        Cli r = Cli.run(args("bench-medium.json", vocabulary(TEXT, p[1]), p[0], p[1], dir.resolve("x.wav"))
                .toArray(String[]::new));
        assertEquals(1, r.code());
        assertTrue(r.err().contains("incompatible tokenizer and language model") && r.err().contains("256 codes")
                && r.err().contains("1024 codes"), r.err());
        assertFalse(Files.exists(dir.resolve("x.wav")));
    }

    @Test
    void namesAnUnreadablePrompt() throws Exception {
        Path bad = dir.resolve("bad.wav");
        Files.writeString(bad, "not audio");
        Cli r = Cli.run(args("tiny-st256.json", null, bad.toString(), "x", dir.resolve("x.wav"))
                .toArray(String[]::new));
        assertEquals(1, r.code());
        assertTrue(r.err().contains(bad.toString()), r.err());
    }

    @Test
    void saysWhatToInstallWhenEspeakIsMissing() throws Exception {
        String[] p = prompt();
        Path vocab = dir.resolve("v.k2symbols");
        TextVocabulary.fromSymbols(List.of("a", "b")).write(vocab);
        Cli r = Cli.run(args("tiny-st256.json", vocab, p[0], p[1], dir.resolve("x.wav"), "--lm-option",
                "espeak=espeak-ng-not-installed-here").toArray(String[]::new));
        assertEquals(1, r.code());
        assertTrue(r.err().contains("was not found on PATH") && r.err().contains("apt-get install espeak-ng"), r.err());
    }

    @Test
    void asksForAVocabulary() throws Exception {
        String[] p = prompt();
        Cli r = Cli.run(args("tiny-st256.json", null, p[0], p[1], dir.resolve("x.wav")).toArray(String[]::new));
        assertEquals(1, r.code());
        assertTrue(r.err().contains("no text vocabulary"), r.err());
    }

    @Test
    void answersHelp() {
        Cli r = Cli.run("tts", "--help");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("--prompt-text") && r.out().contains("--lm") && r.out().contains("--top-k"), r.out());
    }
}
