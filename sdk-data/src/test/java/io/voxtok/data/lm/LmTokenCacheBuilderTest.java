package io.voxtok.data.lm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.voxtok.api.ComponentId;
import io.voxtok.api.VoxtokException;
import io.voxtok.api.audio.AudioBuffer;
import io.voxtok.api.token.LayerRange;
import io.voxtok.api.token.TokenMatrix;
import io.voxtok.api.token.TokenProducer;
import io.voxtok.api.token.Tokenizer;
import io.voxtok.api.token.TokenizerSpec;
import io.voxtok.audio.WavWriter;
import io.voxtok.data.Split;
import io.voxtok.data.text.Phonemizer;
import io.voxtok.data.text.TextVocabulary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Preparation, resumption after a kill, reading back, and the errors, with a toy tokenizer and phonemizer. */
class LmTokenCacheBuilderTest {
    @TempDir
    Path dir;

    /** 16 kHz, hop 320 (50 Hz), 3 layers of 1024 codes derived from the frame's samples; counts its calls. */
    static final class ToyTokenizer implements Tokenizer {
        final AtomicInteger calls = new AtomicInteger();
        final int failAfter;
        final String hash;

        ToyTokenizer(int failAfter, String hash) {
            this.failAfter = failAfter;
            this.hash = hash;
        }

        @Override
        public ComponentId id() {
            return ComponentId.of("toy");
        }

        @Override
        public TokenizerSpec spec() {
            return new TokenizerSpec(16000, 1, 320, 3, 1024, 1, false, false);
        }

        @Override
        public TokenProducer producer() {
            return new TokenProducer("toy", "default", hash);
        }

        @Override
        public TokenMatrix encode(AudioBuffer audio, LayerRange layers) {
            if (calls.incrementAndGet() > failAfter) {
                throw new IllegalStateException("killed");
            }
            float[] x = audio.toArray();
            int frames = spec().framesFor(x.length);
            int[][] codes = new int[3][frames];
            for (int t = 0; t < frames; t++) {
                int v = (int) Math.floor((x[t * 320] + 1) * 500);
                for (int l = 0; l < 3; l++) {
                    codes[l][t] = Math.floorMod(v * (l + 1) + t, 1024);
                }
            }
            return TokenMatrix.single(codes, 0, 1024, 50, producer());
        }

        @Override
        public List<AudioBuffer> decodeBatch(TokenMatrix tokens) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void close() {
        }
    }

    /** Letters as phonemes, {@code _} between words, the final mark kept. */
    static final Phonemizer LETTERS = text -> {
        List<String> out = new ArrayList<>();
        for (String w : text.toLowerCase().replace(".", "").split(" ")) {
            if (!out.isEmpty()) {
                out.add("_");
            }
            w.codePoints().forEach(cp -> out.add(new String(Character.toChars(cp))));
        }
        return out;
    };

    private Path corpus(int n) throws Exception {
        StringBuilder m = new StringBuilder();
        String[] texts = {"a cab.", "bad ace", "dab", "cede bead", "ebb", "add a bed"};
        for (int i = 0; i < n; i++) {
            float[] s = new float[4000 + 1000 * i];
            for (int k = 0; k < s.length; k++) {
                s[k] = (float) (0.5 * Math.sin(k * 0.01 * (i + 1)));
            }
            WavWriter.write(dir.resolve("c/audio/u" + i + ".wav"), AudioBuffer.ofMono(s, 16000));
            String split = i == n - 1 ? "dev" : "train";
            m.append("{\"id\":\"u").append(i).append("\",\"path\":\"audio/u").append(i).append(".wav\",\"text\":\"")
                    .append(texts[i % texts.length]).append("\",\"speaker\":\"s").append(i % 2)
                    .append("\",\"split\":\"").append(split).append("\"}\n");
        }
        Path f = dir.resolve("c/manifest.jsonl");
        Files.writeString(f, m.toString());
        return f;
    }

    private static LmTokenCacheBuilder.Settings settings(Path corpus, Path out) {
        return new LmTokenCacheBuilder.Settings(corpus, out, Optional.empty(), "toy-model", "test");
    }

    @Test
    void preparesReadsBackAndIsCached() throws Exception {
        Path corpus = corpus(4);
        Path out = dir.resolve("out");
        ToyTokenizer tok = new ToyTokenizer(Integer.MAX_VALUE, "h1");
        List<Integer> progress = new ArrayList<>();
        LmCorpusManifest m = new LmTokenCacheBuilder(tok, LETTERS, "letters").build(settings(corpus, out),
                new LmPrepareListener() {
                    @Override
                    public void encoded(int done, int total, int skipped, String lastId) {
                        progress.add(done);
                    }
                });
        assertEquals(List.of(1, 2, 3, 4), progress);
        assertEquals(4, tok.calls.get());
        assertEquals(50.0, m.frameRate());
        assertEquals(3, m.layers());
        assertEquals("toy-model", m.model());
        assertFalse(Files.exists(out.resolve("prepare.json")));

        LmTokenCorpus c = LmTokenCorpus.open(out);
        assertEquals(m, c.manifest());
        assertEquals(3, c.entries(Split.TRAIN).size());
        assertEquals(1, c.entries(Split.DEV).size());
        LmTokenEntry e = c.entries(Split.TRAIN).get(1);
        assertEquals("u1", e.id());
        assertEquals("bad ace", e.text());
        assertEquals("s1", e.speaker());
        assertEquals(5000 / 16000.0, e.duration(), 1e-9);
        assertEquals(16, e.frames()); // ceil(5000 / 320)
        TextVocabulary v = c.vocabulary();
        assertEquals(List.of("b", "a", "d", "_", "a", "c", "e"), e.phonemes());
        assertArrayEquals(v.encode(e.phonemes()), e.textIds());
        assertEquals(TextVocabulary.BOS, e.textIds()[0]);
        // the codes read back are the tokenizer's, frame-major
        int[] codes = c.codes(e);
        int[][] direct = tok.encode(io.voxtok.audio.AudioReader.readAs(dir.resolve("c/audio/u1.wav"), 16000, 1))
                .itemCodes(0);
        for (int t = 0; t < e.frames(); t++) {
            for (int l = 0; l < 3; l++) {
                assertEquals(direct[l][t], codes[t * 3 + l]);
            }
        }
        // a second run finds the finished corpus and encodes nothing
        ToyTokenizer again = new ToyTokenizer(Integer.MAX_VALUE, "h1");
        assertEquals(m, new LmTokenCacheBuilder(again, LETTERS, "letters").build(settings(corpus, out),
                LmPrepareListener.NONE));
        assertEquals(0, again.calls.get());
        // ... but refuses to mix tokens of other weights
        VoxtokException x = assertThrows(VoxtokException.class, () -> new LmTokenCacheBuilder(
                new ToyTokenizer(Integer.MAX_VALUE, "h2"), LETTERS, "letters").build(settings(corpus, out),
                LmPrepareListener.NONE));
        assertTrue(x.getMessage().contains("manifest.json") && x.getMessage().contains("another output folder"),
                x.getMessage());
    }

    @Test
    void aKilledRunIsCompletedWithoutRedoingFinishedItems() throws Exception {
        Path corpus = corpus(5);
        Path out = dir.resolve("out");
        ToyTokenizer dying = new ToyTokenizer(3, "h1");
        assertThrows(IllegalStateException.class, () -> new LmTokenCacheBuilder(dying, LETTERS, "letters")
                .build(settings(corpus, out), LmPrepareListener.NONE));
        assertFalse(Files.exists(out.resolve("manifest.json")));
        assertTrue(Files.exists(out.resolve("prepare.json")));
        assertThrows(VoxtokException.class, () -> LmTokenCorpus.open(out));
        long before = Files.getLastModifiedTime(out.resolve("codes/train/u0.npy")).toMillis();

        // another tokenizer may not continue it
        VoxtokException x = assertThrows(VoxtokException.class, () -> new LmTokenCacheBuilder(
                new ToyTokenizer(Integer.MAX_VALUE, "other"), LETTERS, "letters").build(settings(corpus, out),
                LmPrepareListener.NONE));
        assertTrue(x.getMessage().contains("prepare.json"), x.getMessage());

        ToyTokenizer resumed = new ToyTokenizer(Integer.MAX_VALUE, "h1");
        new LmTokenCacheBuilder(resumed, LETTERS, "letters").build(settings(corpus, out), LmPrepareListener.NONE);
        assertEquals(2, resumed.calls.get());
        assertEquals(before, Files.getLastModifiedTime(out.resolve("codes/train/u0.npy")).toMillis());

        Path fresh = dir.resolve("fresh");
        new LmTokenCacheBuilder(new ToyTokenizer(Integer.MAX_VALUE, "h1"), LETTERS, "letters")
                .build(settings(corpus, fresh), LmPrepareListener.NONE);
        LmTokenCorpus a = LmTokenCorpus.open(out);
        LmTokenCorpus b = LmTokenCorpus.open(fresh);
        for (Split s : Split.values()) {
            assertEquals(a.entries(s).size(), b.entries(s).size());
            for (int i = 0; i < a.entries(s).size(); i++) {
                assertArrayEquals(b.codes(b.entries(s).get(i)), a.codes(a.entries(s).get(i)));
                assertEquals(b.entries(s).get(i).duration(), a.entries(s).get(i).duration());
            }
        }
        assertEquals(Files.readString(fresh.resolve("train.jsonl")), Files.readString(out.resolve("train.jsonl")));
    }

    @Test
    void badAudioUnknownSymbolsAndDamagedCodesAreNamed() throws Exception {
        Path corpus = corpus(3);
        Files.writeString(dir.resolve("c/audio/u1.wav"), "not audio");
        VoxtokException x = assertThrows(VoxtokException.class, () -> new LmTokenCacheBuilder(
                new ToyTokenizer(Integer.MAX_VALUE, "h"), LETTERS, "letters").build(settings(corpus, dir.resolve("o1")),
                LmPrepareListener.NONE));
        assertTrue(x.getMessage().contains("u1.wav"), x.getMessage());

        Path corpus2 = corpus(3);
        Path vocab = dir.resolve("v.k2symbols");
        TextVocabulary.fromSymbols(List.of("a", "b", "c", "_")).write(vocab);
        x = assertThrows(VoxtokException.class, () -> new LmTokenCacheBuilder(new ToyTokenizer(Integer.MAX_VALUE, "h"),
                LETTERS, "letters").build(new LmTokenCacheBuilder.Settings(corpus2, dir.resolve("o2"), Optional.of(vocab),
                "", "test"), LmPrepareListener.NONE));
        assertTrue(x.getMessage().contains("'d'") && x.getMessage().contains("u1"), x.getMessage());

        Path out = dir.resolve("o3");
        new LmTokenCacheBuilder(new ToyTokenizer(Integer.MAX_VALUE, "h"), LETTERS, "letters")
                .build(settings(corpus2, out), LmPrepareListener.NONE);
        LmTokenCorpus c = LmTokenCorpus.open(out);
        LmTokenEntry e = c.entries(Split.TRAIN).get(0);
        CodesNpy.write(e.codesFile(), new int[][] {{1, 2}, {3, 4}}, 1024);
        x = assertThrows(VoxtokException.class, () -> c.codes(e));
        assertTrue(x.getMessage().contains("u0.npy") && x.getMessage().contains("shape"), x.getMessage());
    }
}
