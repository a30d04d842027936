package io.voxtok.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.voxtok.api.audio.AudioBuffer;
import io.voxtok.api.token.LayerRange;
import io.voxtok.api.token.TokenMatrix;
import io.voxtok.bench.cache.CachingTokenizer;
import io.voxtok.bench.cache.TokenCache;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenCacheResumeTest {
    @TempDir
    Path dir;

    private static AudioBuffer audio(int seed) {
        float[] x = new float[200];
        java.util.Random r = new java.util.Random(seed);
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (r.nextDouble() * 2 - 1);
        }
        return AudioBuffer.ofMono(x, 100);
    }

    @Test
    void aKilledRunContinuesFromTheEntriesItWrote() throws Exception {
        FakeTokenizer first = new FakeTokenizer(false);
        TokenCache cache = new TokenCache(dir, first.producer());
        CachingTokenizer c1 = new CachingTokenizer(first, cache);
        List<TokenMatrix> expected = new ArrayList<>();
        // the "killed" run finished two of three utterances
        expected.add(c1.encode(audio(1)));
        expected.add(c1.encode(audio(2)));
        assertEquals(2, first.encodes.get());
        assertEquals(2, Files.list(dir).filter(p -> p.toString().endsWith(".tok")).count());

        FakeTokenizer second = new FakeTokenizer(false);
        CachingTokenizer c2 = new CachingTokenizer(second, new TokenCache(dir, second.producer()));
        assertEquals(expected.get(0), c2.encode(audio(1)));
        assertEquals(expected.get(1), c2.encode(audio(2)));
        c2.encode(audio(3));
        assertEquals(1, second.encodes.get(), "only the unfinished utterance is encoded again");
        assertEquals(2, c2.cache().hits());
    }

    @Test
    void layerRequestsAreCutFromTheCachedEncoding() {
        FakeTokenizer t = new FakeTokenizer(false);
        CachingTokenizer c = new CachingTokenizer(t, new TokenCache(dir, t.producer()));
        TokenMatrix all = c.encode(audio(4));
        TokenMatrix upper = c.encode(audio(4), LayerRange.of(1, 2));
        assertEquals(1, t.encodes.get());
        assertEquals(new FakeTokenizer(false).encode(audio(4), LayerRange.of(1, 2)), upper);
        assertEquals(all.layers(1, 2), upper);
        CachingTokenizer cachedOnly = new CachingTokenizer(new FakeTokenizer(true), new TokenCache(dir, t.producer()));
        assertEquals(all, cachedOnly.encode(audio(4)));
        assertThrows(AssertionError.class, () -> cachedOnly.encode(audio(5)));
    }
}
