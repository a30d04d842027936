package io.voxtok.testkit;

import static io.voxtok.testkit.ContractAssertions.assertSameCodes;
import static io.voxtok.testkit.ContractAssertions.assertUserInput;
import static io.voxtok.testkit.ContractAssertions.assertWorks;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.voxtok.api.ComponentId;
import io.voxtok.api.audio.AudioBuffer;
import io.voxtok.api.token.EncoderStream;
import io.voxtok.api.token.LayerRange;
import io.voxtok.api.token.StreamingTokenizer;
import io.voxtok.api.token.TokenMatrix;
import io.voxtok.api.token.TokenProducer;
import io.voxtok.api.token.Tokenizer;
import io.voxtok.api.token.Segmentation;
import io.voxtok.api.token.TokenizerSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.OptionalDouble;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The conformance suite every {@link Tokenizer} plugin runs: extend it in the plugin's test sources and
 * implement {@link #createTokenizer()}.
 *
 * <pre>{@code
 * class MulawTokenizerContractTest extends AbstractTokenizerContractTest {
 *     @Override
 *     protected Tokenizer createTokenizer() {
 *         return new MulawTokenizer();
 *     }
 *
 *     @Override
 *     protected OptionalDouble minimumRoundTripSnrDb() {
 *         return OptionalDouble.of(30);
 *     }
 * }
 * }</pre>
 *
 * <p><b>What is checked</b> (one {@code @Test} each, failure messages name the input and the broken rule):
 * spec and producer consistency; encode shapes for several layer ranges ({@code spec().framesFor(samples)} frames);
 * codes inside the codebook; decode lengths ({@code spec().decodedSamplesFor(samples)} samples at the spec's rate and
 * channels); a long signal ({@link #longAudioSeconds()}, several seconds and at least three of a segmented
 * tokenizer's windows) with the declared frames and decoded length, alone and in a batch; a round trip that is not
 * silent and meets the optional quality floors; determinism across calls and instances; {@code encodeBatch} item
 * {@code i} equal to {@code encode} alone for items of different lengths; leading layer ranges {@code first(k)} equal
 * to the first {@code k} layers of the full encoding (RVQ is residual from layer 0); layer ranges outside the
 * tokenizer refused; for causal tokenizers, prefix and (for a {@link StreamingTokenizer}) irregularly chunked
 * encoding equal to whole-file encoding; a seeded concurrency stress whose results equal sequential calls;
 * {@code USER_INPUT} errors for empty, too-short, non-finite, wrong-rate and wrong-channel audio and for tokens of
 * another producer; the shortest accepted audio encoded and decoded; idempotent {@code close()}. Each check has a
 * self-test in the kit's own tests showing that a tokenizer with the matching flaw fails it.
 *
 * <p><b>Segmented tokenizers</b> (EnCodec 48 kHz) declare their windows in {@link TokenizerSpec#segmentation()};
 * the expected frames and decoded lengths follow from it, and the long signal crosses several windows.
 *
 * <p><b>Skips.</b> The only test that may be skipped (a JUnit assumption, reported as skipped) is the chunked
 * encoding test, and only when {@code spec().causal()} is false.
 *
 * <p><b>Lifecycle.</b> One tokenizer is created lazily on first use by {@link #createTokenizer()} and shared
 * by the tests of the class (so weights load once), then closed after all of them; the determinism and
 * {@code close()} tests create their own extra instances. Subclasses may prepare state in their constructor or
 * in their own {@code @BeforeAll} method: the tokenizer is not created before the first test runs.
 *
 * <p><b>Test audio</b> is {@link TokenizerFixtures#speechLike(TokenizerSpec, int, long)} unless
 * {@link #testAudio(int, long)} is overridden; its lengths are chosen relative to {@code hopLength}, including
 * lengths that are not a multiple of it. The long signal and its round trip are made once per class and shared.
 *
 * <p><b>Packaging</b> (services file, descriptor, factory options) is checked by
 * {@link AbstractPluginPackagingTest}, which a plugin extends once for its entry point.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class AbstractTokenizerContractTest {
    /** Name of the made-up producer whose tokens must be refused. */
    static final String FOREIGN_PRODUCER = "voxtok-testkit-foreign";

    /** Seconds of long audio when nothing longer is needed: "several seconds". */
    private static final double DEFAULT_LONG_AUDIO_SECONDS = 3.0;

    private Tokenizer shared;
    private LongRoundTrip longRoundTrip;

    /** The long test signal, its encoding and its decoding, made once per class. */
    private record LongRoundTrip(AudioBuffer audio, TokenMatrix tokens, AudioBuffer decoded) {
    }

    /**
     * Creates the tokenizer under test. Called once for the shared instance and again by the tests that need
     * a fresh instance; each call must return a new, open tokenizer with the same configuration.
     */
    protected abstract Tokenizer createTokenizer();

    /**
     * Test audio in the tokenizer's format. Override to use recorded speech or a signal better suited to the
     * tokenizer; it must be deterministic in {@code seed} and have exactly {@code samples} frames.
     */
    protected AudioBuffer testAudio(int samples, long seed) {
        return TokenizerFixtures.speechLike(tokenizer().spec(), samples, seed);
    }

    /**
     * The fewest samples per channel the tokenizer accepts; shorter non-empty audio must be refused with a
     * {@code USER_INPUT} error mentioning "short", "at least" or "minimum". Default 1: a single sample works.
     */
    protected int minimumSamples() {
        return 1;
    }

    /**
     * Length of the long test audio, in seconds (the long-signal, quality and chunking tests; half a hop is added so
     * that it is not a multiple of the hop). It must cross the tokenizer's internal windows: the default is 3 s, or
     * for a segmented spec three full windows plus half of one if that is longer. Override it to go further (the
     * EnCodec 48 kHz kit runs on 10 s).
     */
    protected double longAudioSeconds() {
        TokenizerSpec spec = tokenizer().spec();
        double seconds = DEFAULT_LONG_AUDIO_SECONDS;
        if (spec.segmentation().isPresent()) {
            Segmentation s = spec.segmentation().get();
            seconds = Math.max(seconds, (3.0 * s.stride() + s.length() / 2.0) / spec.sampleRate());
        }
        return seconds;
    }

    /** Number of threads of the concurrency stress. Default 4. */
    protected int threads() {
        return 4;
    }

    /** Calls each thread of the concurrency stress makes. Default 6. */
    protected int concurrencySteps() {
        return 6;
    }

    /**
     * Seed of the concurrency stress: it alone decides which calls each thread makes on which inputs, so a failure
     * reported with its seed is replayed by returning that seed. Default a fixed value.
     */
    protected long concurrencySeed() {
        return 20_240_613L;
    }

    /**
     * The lowest acceptable signal-to-noise ratio, in dB, of {@code decode(encode(x))} against {@code x} (the long
     * test audio, over its length), when sample-wise reconstruction is meaningful (waveform codecs). Default empty:
     * no such floor (neural codecs whose output is not phase-aligned).
     */
    protected OptionalDouble minimumRoundTripSnrDb() {
        return OptionalDouble.empty();
    }

    /**
     * The lowest acceptable ratio, in dB, between the STFT magnitudes of {@code x} and of their difference from
     * those of {@code decode(encode(x))} (about 32 ms Hann windows; blind to phase, so it suits neural codecs with
     * trained weights). Default empty: no such floor.
     */
    protected OptionalDouble minimumRoundTripSpectralSnrDb() {
        return OptionalDouble.empty();
    }

    /** The shared tokenizer under test, created on first use. */
    protected final Tokenizer tokenizer() {
        if (shared == null) {
            shared = createTokenizer();
            assertNotNull(shared, "createTokenizer() returned null");
        }
        return shared;
    }

    /** Closes the shared tokenizer after the last test of the class. */
    @AfterAll
    public final void closeTokenizerUnderTest() {
        Tokenizer t = shared;
        shared = null;
        longRoundTrip = null;
        if (t != null) {
            t.close();
        }
    }

    /** The spec is constant; the producer names the component; streamable means a mono, causal StreamingTokenizer. */
    @Test
    public void specAndProducerAreConsistent() {
        Tokenizer t = tokenizer();
        TokenizerSpec spec = t.spec();
        assertNotNull(spec, "spec() returned null");
        assertEquals(spec, t.spec(), "spec() must return the same value on every call");
        ComponentId id = t.id();
        assertNotNull(id, "id() returned null");
        TokenProducer producer = t.producer();
        assertNotNull(producer, "producer() returned null");
        assertEquals(id.name(), producer.name(), "producer().name() must be the component name of id()");
        assertEquals(id.variant(), producer.variant(), "producer().variant() must be the variant of id()");
        assertFalse(producer.weightsHash().isBlank(),
                "producer().weightsHash() must be set (\"none\" when weightless)");
        assertEquals(spec.streamable(), t instanceof StreamingTokenizer,
                "spec().streamable() must be true exactly when the tokenizer implements StreamingTokenizer");
        if (spec.streamable()) {
            assertTrue(spec.causal(), "a streamable tokenizer must declare spec().causal()");
            assertEquals(1, spec.channels(),
                    "EncoderStream takes mono samples, so a streamable tokenizer must be mono");
        }
        assertTrue(minimumSamples() >= 1, "minimumSamples() must be at least 1");
    }

    /** encode returns the requested layers, one item, framesFor(samples) frames and the spec's metadata. */
    @Test
    public void encodeHasRequestedShape() {
        int n = samples(7, hop() / 2 + 1);
        AudioBuffer audio = testAudio(n, 1);
        checks().assertShape(tokenizer().encode(audio), allLayers(), n, "encode(audio) of " + n + " samples");
        for (LayerRange range : TokenizerChecks.rangesToTry(spec().numLayers())) {
            checks().assertShape(tokenizer().encode(audio, range), range, n,
                    "encode(audio, " + range + ") of " + n + " samples");
        }
    }

    /** Every code is in [0, codebookSize) for speech, digital silence and a full-scale square wave. */
    @Test
    public void codesAreInsideTheCodebook() {
        TokenizerSpec spec = spec();
        int n = samples(12, hop() / 3);
        float[] square = new float[n * spec.channels()];
        int period = Math.max(2, spec.sampleRate() / 100);
        for (int i = 0; i < square.length; i++) {
            square[i] = (i / spec.channels()) % period < period / 2 ? 1f : -1f;
        }
        List<AudioBuffer> inputs = List.of(testAudio(n, 2),
                AudioBuffer.ofInterleaved(new float[n * spec.channels()], spec.sampleRate(), spec.channels()),
                AudioBuffer.ofInterleaved(square, spec.sampleRate(), spec.channels()));
        List<String> names = List.of("speech-like audio", "digital silence", "a full-scale square wave");
        for (int k = 0; k < inputs.size(); k++) {
            TokenMatrix m = tokenizer().encode(inputs.get(k));
            // the codes first: a matrix may be stamped with a larger codebook than the spec's and so hold codes the
            // decoder has no entry for
            int[] codes = m.toArray();
            for (int i = 0; i < codes.length; i++) {
                if (codes[i] < 0 || codes[i] >= spec.codebookSize()) {
                    fail("code " + codes[i] + " at flat index " + i + " for " + names.get(k) + " is outside [0, "
                            + spec.codebookSize() + ") (spec().codebookSize())");
                }
            }
            assertEquals(spec.codebookSize(), m.codebookSize(), "codebookSize of the tokens of " + names.get(k));
        }
    }

    /** decode gives spec().decodedSamplesFor(samples) finite samples at the spec's rate and channels. */
    @Test
    public void decodeReturnsTheDeclaredLength() {
        int n = samples(9, Math.max(1, hop() / 3));
        AudioBuffer audio = testAudio(n, 3);
        TokenMatrix tokens = tokenizer().encode(audio);
        checks().assertDecoded(tokenizer().decode(tokens), n, "decode(encode(" + n + " samples))");
        if (spec().numLayers() > 1) {
            TokenMatrix first = tokenizer().encode(audio, LayerRange.first(1));
            checks().assertDecoded(tokenizer().decode(first), n, "decode of the first layer only");
        }
    }

    /**
     * The long signal ({@link #longAudioSeconds()}, across several of a segmented tokenizer's windows) has
     * {@code spec().framesFor} frames and decodes to {@code spec().decodedSamplesFor} samples, alone and as the
     * first item of a batch with a short one.
     */
    @Test
    public void longAudioHasTheDeclaredFramesAndDecodedLength() {
        LongRoundTrip r = longRoundTrip();
        int n = r.audio().frames();
        String what = "the long signal (" + n + " samples, " + String.format(java.util.Locale.ROOT, "%.2f", n
                / (double) spec().sampleRate()) + " s" + spec().segmentation().map(s -> ", "
                + s.windowsFor(n) + " windows").orElse("") + ")";
        checks().assertShape(r.tokens(), allLayers(), n, "encode of " + what);
        checks().assertDecoded(r.decoded(), n, "decode(encode(" + what + "))");
        int shortLength = samples(3, hop() / 2);
        AudioBuffer shortAudio = testAudio(shortLength, 31);
        TokenMatrix batch = tokenizer().encodeBatch(List.of(r.audio(), shortAudio), allLayers());
        assertEquals(spec().framesFor(n), batch.validFrames(0), "encodeBatch: validFrames of " + what);
        assertEquals(spec().framesFor(shortLength), batch.validFrames(1),
                "encodeBatch: validFrames of the short item (" + shortLength + " samples) next to " + what);
        assertSameCodes(r.tokens().itemCodes(0), batch.itemCodes(0), "encodeBatch item 0 (" + what
                + ") vs encode alone");
        List<AudioBuffer> decoded = tokenizer().decodeBatch(batch);
        checks().assertDecoded(decoded.get(0), n, "decodeBatch item 0 (" + what + ")");
        checks().assertDecoded(decoded.get(1), shortLength, "decodeBatch item 1 (" + shortLength + " samples)");
    }

    /**
     * The round trip of the long signal is not digital silence, and meets the floors the plugin declares
     * ({@link #minimumRoundTripSnrDb()}, {@link #minimumRoundTripSpectralSnrDb()}).
     */
    @Test
    public void roundTripMeetsTheDeclaredQualityFloor() {
        LongRoundTrip r = longRoundTrip();
        float[] decoded = r.decoded().toArray();
        boolean silent = true;
        for (float v : decoded) {
            silent &= v == 0f;
        }
        assertFalse(silent, "decode(encode(x)) of speech-like audio is digital silence");
        int n = r.audio().frames();
        assertTrue(r.decoded().frames() >= n, "decode(encode(x)) has " + r.decoded().frames()
                + " samples, fewer than the " + n + " of x");
        AudioBuffer head = r.decoded().slice(0, n);
        OptionalDouble snrFloor = minimumRoundTripSnrDb();
        if (snrFloor.isPresent()) {
            double snr = RoundTripQuality.waveformSnrDb(r.audio(), head);
            assertTrue(snr >= snrFloor.getAsDouble(), () -> "round-trip SNR " + snr
                    + " dB is below the declared minimum " + snrFloor.getAsDouble() + " dB");
        }
        OptionalDouble spectralFloor = minimumRoundTripSpectralSnrDb();
        if (spectralFloor.isPresent()) {
            double snr = RoundTripQuality.spectralSnrDb(r.audio(), head);
            assertTrue(snr >= spectralFloor.getAsDouble(), () -> "round-trip spectral SNR " + snr
                    + " dB is below the declared minimum " + spectralFloor.getAsDouble() + " dB");
        }
    }

    /** Encoding the same audio twice, or with a second instance, gives equal codes and the same producer. */
    @Test
    public void encodingIsDeterministic() {
        AudioBuffer audio = testAudio(samples(15, hop() / 2), 4);
        TokenMatrix first = tokenizer().encode(audio);
        assertSameCodes(first.itemCodes(0), tokenizer().encode(audio).itemCodes(0), "second encode of the same audio");
        try (Tokenizer other = createTokenizer()) {
            assertEquals(tokenizer().producer(), other.producer(),
                    "two instances of one configuration must have the same producer");
            assertSameCodes(first.itemCodes(0), other.encode(audio).itemCodes(0), "encode by a second instance");
        }
    }

    /** encodeBatch item i has exactly the codes of encode alone and the right valid frames; decodeBatch lengths. */
    @Test
    public void batchEncodingEqualsItemByItem() {
        int hop = hop();
        int[] lengths = {samples(10, 0), samples(4, Math.max(1, hop / 3)), samples(13, hop - 1), samples(2, 0)};
        List<AudioBuffer> items = new ArrayList<>();
        int maxFrames = 0;
        for (int i = 0; i < lengths.length; i++) {
            items.add(testAudio(lengths[i], 20 + i));
            maxFrames = Math.max(maxFrames, spec().framesFor(lengths[i]));
        }
        TokenMatrix batch = tokenizer().encodeBatch(items, allLayers());
        String lens = Arrays.toString(lengths);
        assertEquals(items.size(), batch.batchSize(), "encodeBatch of items with lengths " + lens + ": batch size");
        assertEquals(spec().numLayers(), batch.layers(), "encodeBatch: number of layers");
        assertEquals(0, batch.firstLayer(), "encodeBatch: firstLayer");
        assertEquals(maxFrames, batch.frames(), "encodeBatch: frames must be those of the longest item");
        assertEquals(tokenizer().producer(), batch.producer(), "encodeBatch: producer");
        for (int i = 0; i < items.size(); i++) {
            int item = i;
            assertEquals(spec().framesFor(lengths[i]), batch.validFrames(i),
                    () -> "encodeBatch: validFrames of item " + item + " (" + lengths[item] + " samples)");
            TokenMatrix alone = tokenizer().encode(items.get(i), allLayers());
            assertSameCodes(alone.itemCodes(0), batch.itemCodes(i),
                    "encodeBatch item " + i + " (" + lengths[i] + " samples, batch lengths " + lens
                            + ") vs encode alone");
        }
        List<AudioBuffer> decoded = tokenizer().decodeBatch(batch);
        assertEquals(items.size(), decoded.size(), "decodeBatch must return one buffer per item");
        for (int i = 0; i < items.size(); i++) {
            checks().assertDecoded(decoded.get(i), lengths[i],
                    "decodeBatch item " + i + " (" + lengths[i] + " samples)");
        }
    }

    /** first(1) has one layer; first(k) equals the first k layers of the full encoding (residual from layer 0). */
    @Test
    public void leadingLayerRangesArePrefixesOfTheFullEncoding() {
        AudioBuffer audio = testAudio(samples(11, hop() / 2), 5);
        TokenMatrix full = tokenizer().encode(audio);
        assertEquals(1, tokenizer().encode(audio, LayerRange.first(1)).layers(),
                "encode with LayerRange.first(1): layers");
        for (int k = 1; k <= spec().numLayers(); k++) {
            TokenMatrix part = tokenizer().encode(audio, LayerRange.first(k));
            assertSameCodes(full.layers(0, k).itemCodes(0), part.itemCodes(0),
                    "encode with LayerRange.first(" + k + ") vs the first " + k + " layers of the full encoding");
        }
    }

    /** Layer ranges beyond spec().numLayers() are refused by encode and decode with USER_INPUT. */
    @Test
    public void layersBeyondTheTokenizerAreRefused() {
        int layers = spec().numLayers();
        AudioBuffer audio = testAudio(samples(5, 0), 6);
        assertUserInput(() -> tokenizer().encode(audio, LayerRange.of(layers, layers + 1)),
                "encode with layers " + LayerRange.of(layers, layers + 1) + " of a " + layers + "-layer tokenizer",
                "layer");
        assertUserInput(() -> tokenizer().encode(audio, LayerRange.first(layers + 1)),
                "encode with layers " + LayerRange.first(layers + 1) + " of a " + layers + "-layer tokenizer", "layer");
        int frames = 5;
        TokenMatrix beyond = TokenMatrix.of(new int[frames], 1, 1, frames, layers, spec().codebookSize(),
                spec().frameRate(), new int[] {frames}, tokenizer().producer());
        assertUserInput(() -> tokenizer().decodeBatch(beyond),
                "decode of tokens holding layer " + layers + " of a " + layers + "-layer tokenizer", "layer");
    }

    /**
     * For a causal tokenizer: encoding a prefix gives the leading frames of the whole file, and a
     * StreamingTokenizer fed irregular pieces gives exactly the whole-file codes. Skipped only when non-causal.
     */
    @Test
    public void causalEncodingInPiecesEqualsWholeFile() {
        assumeTrue(spec().causal(), "spec().causal() is false: chunked encoding need not equal whole-file encoding");
        int n = longSamples();
        AudioBuffer audio = testAudio(n, 7);
        TokenMatrix whole = tokenizer().encode(audio);
        int[][] wholeCodes = whole.itemCodes(0);
        int total = whole.frames();
        int minFrames = spec().framesFor(minimumSamples());
        Set<Integer> cuts = new LinkedHashSet<>(List.of(Math.min(3, total), total / 2, total - 1));
        for (int k : cuts) {
            if (k >= Math.max(1, minFrames) && k < total) {
                TokenMatrix prefix = tokenizer().encode(audio.slice(0, k * hop()));
                assertSameCodes(TokenizerChecks.firstFrames(wholeCodes, k), prefix.itemCodes(0),
                        "encode of the first " + k * hop() + " samples vs the first " + k + " frames of the whole "
                                + n + "-sample file");
            }
        }
        if (tokenizer() instanceof StreamingTokenizer streaming) {
            float[] mono = audio.toArray();
            assertSameCodes(wholeCodes, checks().stream(streaming, mono, new int[] {0, 1, 317, 4000}),
                    "streamed in pieces of 0, 1, 317, 4000 and " + Math.max(0, n - 4318)
                            + " samples vs whole-file encode");
            int step = hop() + 1;
            int[] even = new int[(n + step - 1) / step];
            Arrays.fill(even, step);
            assertSameCodes(wholeCodes, checks().stream(streaming, mono, even),
                    "streamed in pieces of hopLength + 1 = " + step + " samples vs whole-file encode");
        }
    }

    /**
     * {@link #threads()} threads, started together, each make {@link #concurrencySteps()} calls (encode, encode of
     * leading layers, a two-item encodeBatch, decode) chosen by {@link #concurrencySeed()} on a shared pool of
     * inputs of different lengths; every result equals the sequential one. A failure names the seed, thread and step.
     */
    @Test
    public void seededConcurrencyStressMatchesSequential() throws InterruptedException {
        int threads = threads();
        long seed = concurrencySeed();
        java.util.Random lengths = new java.util.Random(seed);
        List<AudioBuffer> pool = new ArrayList<>();
        for (int i = 0; i <= threads; i++) {
            pool.add(testAudio(samples(6 + lengths.nextInt(15), lengths.nextInt(hop())), 40 + i));
        }
        new ConcurrencyStress(tokenizer(), pool, seed).run(threads, concurrencySteps(),
                (decoded, samples, what) -> checks().assertDecoded(decoded, samples, what));
    }

    /** Empty audio is refused with USER_INPUT mentioning "empty". */
    @Test
    public void emptyAudioIsRefused() {
        AudioBuffer empty = AudioBuffer.ofInterleaved(new float[0], spec().sampleRate(), spec().channels());
        assertUserInput(() -> tokenizer().encode(empty), "encode of empty audio", "empty");
    }

    /** Audio below minimumSamples() is refused; audio of exactly minimumSamples() (1 by default) is encoded. */
    @Test
    public void shortestAudioIsEncodedAndShorterIsRefused() {
        int min = minimumSamples();
        if (min > 1) {
            AudioBuffer tooShort = testAudio(min - 1, 8);
            assertUserInput(() -> tokenizer().encode(tooShort),
                    "encode of " + (min - 1) + " samples (minimum " + min + ")",
                    "short", "at least", "minimum");
        }
        AudioBuffer shortest = testAudio(min, 8);
        TokenMatrix tokens = ContractAssertions.works(() -> tokenizer().encode(shortest),
                "encode of the shortest accepted audio (" + min + " sample" + (min == 1 ? "" : "s")
                        + ", minimumSamples())");
        assertEquals(spec().framesFor(min), tokens.frames(),
                "frames of the shortest accepted audio (" + min + " samples)");
        AudioBuffer decoded = ContractAssertions.works(() -> tokenizer().decode(tokens),
                "decode of the shortest accepted audio (" + min + " samples)");
        checks().assertDecoded(decoded, min, "decode of the shortest accepted audio");
    }

    /** NaN and infinite samples are refused by encode, encodeBatch and EncoderStream.push. */
    @Test
    public void nonFiniteSamplesAreRefused() {
        int n = samples(6, 0);
        float[] clean = testAudio(n, 9).toArray();
        for (float bad : new float[] {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY}) {
            float[] samples = clean.clone();
            samples[samples.length / 2] = bad;
            AudioBuffer audio = AudioBuffer.ofInterleaved(samples, spec().sampleRate(), spec().channels());
            String[] keywords = Float.isNaN(bad) ? new String[] {"nan", "finite"} : new String[] {"inf", "finite"};
            assertUserInput(() -> tokenizer().encode(audio), "encode of audio containing " + bad, keywords);
            assertUserInput(() -> tokenizer().encodeBatch(List.of(testAudio(n, 10), audio), allLayers()),
                    "encodeBatch whose second item contains " + bad, keywords);
            if (tokenizer() instanceof StreamingTokenizer streaming) {
                try (EncoderStream stream = streaming.openEncoderStream(allLayers())) {
                    assertUserInput(() -> stream.push(samples),
                            "EncoderStream.push of samples containing " + bad, keywords);
                }
            }
        }
    }

    /** Audio at another sample rate is refused with USER_INPUT mentioning "sample rate". */
    @Test
    public void wrongSampleRateIsRefused() {
        int rate = spec().sampleRate();
        float[] samples = testAudio(samples(6, 0), 11).toArray();
        for (int wrong : new int[] {rate * 2, Math.max(1, rate / 2)}) {
            AudioBuffer audio = AudioBuffer.ofInterleaved(samples, wrong, spec().channels());
            assertUserInput(() -> tokenizer().encode(audio),
                    "encode of " + wrong + " Hz audio by a " + rate + " Hz tokenizer",
                    "sample rate");
        }
    }

    /** Audio with another channel count is refused with USER_INPUT mentioning "channel". */
    @Test
    public void wrongChannelCountIsRefused() {
        int channels = spec().channels();
        int n = samples(6, 0);
        List<Integer> wrong = channels == 1 ? List.of(2) : List.of(1, channels + 1);
        for (int c : wrong) {
            float[] samples = new float[n * c];
            float[] mono = TokenizerFixtures.speechLike(n, spec().sampleRate(), 12);
            for (int i = 0; i < samples.length; i++) {
                samples[i] = mono[i / c];
            }
            AudioBuffer audio = AudioBuffer.ofInterleaved(samples, spec().sampleRate(), c);
            assertUserInput(() -> tokenizer().encode(audio), "encode of " + c + "-channel audio by a " + channels
                    + "-channel tokenizer", "channel");
        }
    }

    /** Tokens of the same shape stamped with another producer (name or weights) are refused by decode. */
    @Test
    public void tokensOfAnotherProducerAreRefused() {
        TokenMatrix tokens = tokenizer().encode(testAudio(samples(6, 0), 13));
        TokenProducer own = tokenizer().producer();
        TokenProducer otherName = new TokenProducer(FOREIGN_PRODUCER, own.variant(), own.weightsHash());
        assertUserInput(() -> tokenizer().decodeBatch(TokenizerChecks.restamp(tokens, otherName)),
                "decode of tokens made by " + otherName, FOREIGN_PRODUCER);
        String hash = own.weightsHash().equals("0123456789abcdef") ? "fedcba9876543210" : "0123456789abcdef";
        TokenProducer otherWeights = new TokenProducer(own.name(), own.variant(), hash);
        assertUserInput(() -> tokenizer().decodeBatch(TokenizerChecks.restamp(tokens, otherWeights)),
                "decode of tokens made by the same tokenizer with other weights (" + otherWeights + ")");
    }

    /** close() may be called twice on a used tokenizer. */
    @Test
    public void closeIsIdempotent() {
        Tokenizer fresh = createTokenizer();
        assertNotNull(fresh, "createTokenizer() returned null");
        fresh.encode(testAudio(samples(3, 0), 14));
        assertWorks(fresh::close, "close()");
        assertWorks(fresh::close, "a second close()");
    }

    private TokenizerSpec spec() {
        return tokenizer().spec();
    }

    private TokenizerChecks checks() {
        return new TokenizerChecks(tokenizer());
    }

    private int hop() {
        return spec().hopLength();
    }

    private LayerRange allLayers() {
        return LayerRange.first(spec().numLayers());
    }

    /** {@code frames * hop + extra} samples, at least {@link #minimumSamples()}. */
    private int samples(int frames, int extra) {
        return Math.max(minimumSamples(), TokenizerFixtures.samplesFor(spec(), frames, extra));
    }

    private int longSamples() {
        int n = (int) Math.round(longAudioSeconds() * spec().sampleRate()) + hop() / 2;
        return Math.max(Math.max(minimumSamples(), 1), n);
    }

    /** The long signal, encoded with every layer and decoded, once per class (a few seconds of audio). */
    private LongRoundTrip longRoundTrip() {
        if (longRoundTrip == null) {
            AudioBuffer audio = testAudio(longSamples(), 30);
            TokenMatrix tokens = tokenizer().encode(audio, allLayers());
            longRoundTrip = new LongRoundTrip(audio, tokens, tokenizer().decode(tokens));
        }
        return longRoundTrip;
    }
}
