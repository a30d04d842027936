package io.voxtok.testkit;

import static io.voxtok.testkit.ContractAssertions.assertFinite;
import static io.voxtok.testkit.ContractAssertions.concatFrames;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.voxtok.api.audio.AudioBuffer;
import io.voxtok.api.token.EncoderStream;
import io.voxtok.api.token.LayerRange;
import io.voxtok.api.token.StreamingTokenizer;
import io.voxtok.api.token.TokenMatrix;
import io.voxtok.api.token.TokenProducer;
import io.voxtok.api.token.Tokenizer;
import io.voxtok.api.token.TokenizerSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Checks of one tokenizer's outputs against its own spec and producer, used by the contract tests. */
final class TokenizerChecks {
    private final Tokenizer tokenizer;
    private final TokenizerSpec spec;

    TokenizerChecks(Tokenizer tokenizer) {
        this.tokenizer = tokenizer;
        this.spec = tokenizer.spec();
    }

    /** Asserts the metadata and shape of a single-item encoding of {@code samples} samples with {@code range}. */
    void assertShape(TokenMatrix m, LayerRange range, int samples, String what) {
        assertNotNull(m, what + " returned null");
        assertEquals(range.size(), m.layers(), what + ": layers must be the size of the requested range");
        assertEquals(range.start(), m.firstLayer(), what + ": firstLayer must be the start of the requested range");
        assertEquals(1, m.batchSize(), what + ": batch size");
        assertEquals(spec.framesFor(samples), m.frames(), what + ": frames must be spec().framesFor(samples)");
        assertEquals(m.frames(), m.validFrames(0), what + ": every frame of a single item is valid");
        assertEquals(spec.frameRate(), m.frameRate(), 0.0, what + ": frameRate must be spec().frameRate()");
        assertEquals(spec.codebookSize(), m.codebookSize(), what + ": codebookSize must be spec().codebookSize()");
        assertEquals(tokenizer.producer(), m.producer(), what + ": producer must be tokenizer.producer()");
    }

    /**
     * Asserts rate, channels, length and finite samples of the decoding of tokens encoded from {@code inputSamples}
     * samples: {@code spec().decodedSamplesFor(inputSamples)}, which is {@code validFrames * hopLength} unless the
     * spec declares a segmentation.
     */
    void assertDecoded(AudioBuffer audio, int inputSamples, String what) {
        assertNotNull(audio, what + " returned null");
        assertEquals(spec.sampleRate(), audio.sampleRate(), what + ": sample rate must be spec().sampleRate()");
        assertEquals(spec.channels(), audio.channels(), what + ": channels must be spec().channels()");
        int expected = spec.decodedSamplesFor(inputSamples);
        assertEquals(expected, audio.frames(), what + ": length must be spec().decodedSamplesFor(" + inputSamples
                + ") = " + expected + (spec.segmentation().isPresent() ? " (declared " + spec.segmentation().get()
                + ")" : " = validFrames (" + spec.framesFor(inputSamples) + ") * hopLength (" + spec.hopLength()
                + ")"));
        assertFinite(audio.toArray(), what);
    }

    /**
     * Pushes {@code mono} through a new all-layer stream in the given piece sizes (then the rest), finishes, and
     * returns the concatenated {@code [layer][frame]} codes, checking every returned matrix on the way.
     */
    int[][] stream(StreamingTokenizer streaming, float[] mono, int[] pieces) {
        LayerRange range = LayerRange.first(spec.numLayers());
        List<TokenMatrix> out = new ArrayList<>();
        try (EncoderStream stream = streaming.openEncoderStream(range)) {
            assertNotNull(stream, "openEncoderStream returned null");
            int pos = 0;
            for (int piece : pieces) {
                int len = Math.min(piece, mono.length - pos);
                out.add(checkedPiece(stream.push(Arrays.copyOfRange(mono, pos, pos + len)), range, "push"));
                pos += len;
            }
            if (pos < mono.length) {
                out.add(checkedPiece(stream.push(Arrays.copyOfRange(mono, pos, mono.length)), range, "push"));
            }
            out.add(checkedPiece(stream.finish(), range, "finish"));
        }
        return concatFrames(out, range.size());
    }

    private TokenMatrix checkedPiece(TokenMatrix m, LayerRange range, String call) {
        String what = "EncoderStream." + call;
        assertNotNull(m, what + " returned null (return a matrix of 0 frames instead)");
        assertEquals(1, m.batchSize(), what + ": batch size");
        assertEquals(range.size(), m.layers(), what + ": layers");
        assertEquals(range.start(), m.firstLayer(), what + ": firstLayer");
        assertEquals(tokenizer.producer(), m.producer(), what + ": producer");
        assertEquals(m.frames(), m.validFrames(0), what + ": every returned frame is valid");
        return m;
    }

    /** Layer ranges whose encode shapes are checked: the first layer, all, and ranges not starting at 0. */
    static Set<LayerRange> rangesToTry(int layers) {
        Set<LayerRange> ranges = new LinkedHashSet<>();
        ranges.add(LayerRange.first(1));
        if (layers > 1) {
            ranges.add(LayerRange.of(1, layers));
            ranges.add(LayerRange.of(layers - 1, layers));
            ranges.add(LayerRange.first(layers - 1));
        }
        return ranges;
    }

    /** The first {@code frames} frames of every layer. */
    static int[][] firstFrames(int[][] codes, int frames) {
        int[][] out = new int[codes.length][];
        for (int l = 0; l < codes.length; l++) {
            out[l] = Arrays.copyOf(codes[l], frames);
        }
        return out;
    }

    /** The same codes and shape stamped with another producer. */
    static TokenMatrix restamp(TokenMatrix m, TokenProducer producer) {
        return TokenMatrix.of(m.toArray(), m.layers(), m.batchSize(), m.frames(), m.firstLayer(), m.codebookSize(),
                m.frameRate(), m.validFrames(), producer);
    }
}
