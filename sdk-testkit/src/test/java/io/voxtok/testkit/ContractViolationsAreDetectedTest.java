package io.voxtok.testkit;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.voxtok.api.token.Tokenizer;
import io.voxtok.testkit.ResidualScalarTokenizer.Flaw;
import java.util.OptionalDouble;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.opentest4j.TestAbortedException;

/**
 * Shows that each contract test can fail: a tokenizer with one deliberate flaw fails the contract that flaw
 * breaks, while the same contract passes for the correct tokenizer.
 */
final class ContractViolationsAreDetectedTest {
    /**
     * Round-trip floor the self-tests declare for the residual scalar tokenizer: its round trip of the kit's long
     * signal measures 9.6 dB (waveform SNR) and 11.7 dB (spectral), at half gain 4.8 dB and 5.1 dB.
     */
    private static final double FLOOR_DB = 7.5;

    /** One contract test of the kit, called directly on a kit instance. */
    @FunctionalInterface
    interface Contract {
        void check(AbstractTokenizerContractTest kit) throws Exception;
    }

    /** The kit wired to a tokenizer, with the minimum length and quality floors a plugin would declare. */
    private static final class Kit extends AbstractTokenizerContractTest {
        private final Supplier<Tokenizer> tokenizers;
        private final int minimumSamples;
        private final OptionalDouble snrFloor;
        private final OptionalDouble spectralFloor;

        Kit(Supplier<Tokenizer> tokenizers, int minimumSamples, OptionalDouble snrFloor, OptionalDouble spectralFloor) {
            this.tokenizers = tokenizers;
            this.minimumSamples = minimumSamples;
            this.snrFloor = snrFloor;
            this.spectralFloor = spectralFloor;
        }

        @Override
        protected Tokenizer createTokenizer() {
            return tokenizers.get();
        }

        @Override
        protected int minimumSamples() {
            return minimumSamples;
        }

        @Override
        protected OptionalDouble minimumRoundTripSnrDb() {
            return snrFloor;
        }

        @Override
        protected OptionalDouble minimumRoundTripSpectralSnrDb() {
            return spectralFloor;
        }
    }

    private static Kit kit(Flaw flaw) {
        return new Kit(() -> new ResidualScalarTokenizer(flaw), new ResidualScalarTokenizer(flaw).declaredMinimumSamples(),
                OptionalDouble.empty(), OptionalDouble.empty());
    }

    private static Kit withFloors(Flaw flaw, boolean snr, boolean spectral) {
        return new Kit(() -> new ResidualScalarTokenizer(flaw), 1,
                snr ? OptionalDouble.of(FLOOR_DB) : OptionalDouble.empty(),
                spectral ? OptionalDouble.of(FLOOR_DB) : OptionalDouble.empty());
    }

    private static Kit segmented(boolean declared) {
        return new Kit(() -> new SegmentedResidualScalarTokenizer(declared), 1, OptionalDouble.empty(),
                OptionalDouble.empty());
    }

    private static Arguments violation(Flaw flaw, String expectedInMessage, String name, Contract contract) {
        return Arguments.of(flaw.name(), (Supplier<Kit>) () -> kit(flaw), (Supplier<Kit>) () -> kit(Flaw.NONE),
                expectedInMessage, name, contract);
    }

    static Stream<Arguments> violations() {
        return Stream.of(
                violation(Flaw.FLOOR_FRAMES, "framesFor", "encodeHasRequestedShape",
                        AbstractTokenizerContractTest::encodeHasRequestedShape),
                violation(Flaw.NON_DETERMINISTIC, "second encode", "encodingIsDeterministic",
                        AbstractTokenizerContractTest::encodingIsDeterministic),
                violation(Flaw.BATCH_VALID_FRAMES_PADDED, "validFrames of item", "batchEncodingEqualsItemByItem",
                        AbstractTokenizerContractTest::batchEncodingEqualsItemByItem),
                violation(Flaw.STREAM_DROPS_PARTIAL_FRAME, "streamed in pieces",
                        "causalEncodingInPiecesEqualsWholeFile",
                        AbstractTokenizerContractTest::causalEncodingInPiecesEqualsWholeFile),
                violation(Flaw.LOOKS_AHEAD, "frames of the whole", "causalEncodingInPiecesEqualsWholeFile",
                        AbstractTokenizerContractTest::causalEncodingInPiecesEqualsWholeFile),
                violation(Flaw.ACCEPTS_NAN, "returned normally", "nonFiniteSamplesAreRefused",
                        AbstractTokenizerContractTest::nonFiniteSamplesAreRefused),
                violation(Flaw.WRONG_RATE_IS_ILLEGAL_ARGUMENT, "IllegalArgumentException", "wrongSampleRateIsRefused",
                        AbstractTokenizerContractTest::wrongSampleRateIsRefused),
                violation(Flaw.IGNORES_PRODUCER, "made by", "tokensOfAnotherProducerAreRefused",
                        AbstractTokenizerContractTest::tokensOfAnotherProducerAreRefused),
                violation(Flaw.LAYER_RANGE_NOT_RESIDUAL, "LayerRange.first(",
                        "leadingLayerRangesArePrefixesOfTheFullEncoding",
                        AbstractTokenizerContractTest::leadingLayerRangesArePrefixesOfTheFullEncoding),
                violation(Flaw.SECOND_CLOSE_THROWS, "second close()", "closeIsIdempotent",
                        AbstractTokenizerContractTest::closeIsIdempotent),
                violation(Flaw.DECODE_ONE_SAMPLE_SHORT, "decodedSamplesFor", "decodeReturnsTheDeclaredLength",
                        AbstractTokenizerContractTest::decodeReturnsTheDeclaredLength),
                violation(Flaw.DECODE_ONE_SAMPLE_SHORT, "decodedSamplesFor",
                        "longAudioHasTheDeclaredFramesAndDecodedLength",
                        AbstractTokenizerContractTest::longAudioHasTheDeclaredFramesAndDecodedLength),
                violation(Flaw.DECLARES_NON_CAUSAL, "StreamingTokenizer", "specAndProducerAreConsistent",
                        AbstractTokenizerContractTest::specAndProducerAreConsistent),
                violation(Flaw.EMPTY_GIVES_ZERO_FRAMES, "empty audio", "emptyAudioIsRefused",
                        AbstractTokenizerContractTest::emptyAudioIsRefused),
                violation(Flaw.CODES_BEYOND_THE_CODEBOOK, "outside [0, 16)", "codesAreInsideTheCodebook",
                        AbstractTokenizerContractTest::codesAreInsideTheCodebook),
                violation(Flaw.ACCEPTS_LAYERS_BEYOND, "returned normally", "layersBeyondTheTokenizerAreRefused",
                        AbstractTokenizerContractTest::layersBeyondTheTokenizerAreRefused),
                violation(Flaw.REFUSES_SHORTEST_AUDIO, "must work but threw",
                        "shortestAudioIsEncodedAndShorterIsRefused",
                        AbstractTokenizerContractTest::shortestAudioIsEncodedAndShorterIsRefused),
                violation(Flaw.ACCEPTS_SHORTER_THAN_MINIMUM, "returned normally",
                        "shortestAudioIsEncodedAndShorterIsRefused",
                        AbstractTokenizerContractTest::shortestAudioIsEncodedAndShorterIsRefused),
                violation(Flaw.ACCEPTS_ANY_CHANNEL_COUNT, "returned normally", "wrongChannelCountIsRefused",
                        AbstractTokenizerContractTest::wrongChannelCountIsRefused),
                violation(Flaw.SHARED_SCRATCH, "concurrency stress (seed", "seededConcurrencyStressMatchesSequential",
                        AbstractTokenizerContractTest::seededConcurrencyStressMatchesSequential),
                violation(Flaw.DECODES_SILENCE, "digital silence", "roundTripMeetsTheDeclaredQualityFloor",
                        AbstractTokenizerContractTest::roundTripMeetsTheDeclaredQualityFloor),
                Arguments.of("HALF_GAIN_DECODE with an SNR floor",
                        (Supplier<Kit>) () -> withFloors(Flaw.HALF_GAIN_DECODE, true, false),
                        (Supplier<Kit>) () -> withFloors(Flaw.NONE, true, false), "round-trip SNR",
                        "roundTripMeetsTheDeclaredQualityFloor",
                        (Contract) AbstractTokenizerContractTest::roundTripMeetsTheDeclaredQualityFloor),
                Arguments.of("HALF_GAIN_DECODE with a spectral floor",
                        (Supplier<Kit>) () -> withFloors(Flaw.HALF_GAIN_DECODE, false, true),
                        (Supplier<Kit>) () -> withFloors(Flaw.NONE, false, true), "round-trip spectral SNR",
                        "roundTripMeetsTheDeclaredQualityFloor",
                        (Contract) AbstractTokenizerContractTest::roundTripMeetsTheDeclaredQualityFloor),
                Arguments.of("undeclared segmentation", (Supplier<Kit>) () -> segmented(false),
                        (Supplier<Kit>) () -> segmented(true), "framesFor",
                        "longAudioHasTheDeclaredFramesAndDecodedLength",
                        (Contract) AbstractTokenizerContractTest::longAudioHasTheDeclaredFramesAndDecodedLength));
    }

    @ParameterizedTest(name = "{0} fails {4}")
    @MethodSource("violations")
    void flawFailsItsContractAndTheCorrectTokenizerPassesIt(String flaw, Supplier<Kit> flawedKit,
            Supplier<Kit> correctKit, String expectedInMessage, String contractName, Contract contract)
            throws Exception {
        Kit flawed = flawedKit.get();
        try {
            AssertionError e = assertThrows(AssertionError.class, () -> contract.check(flawed),
                    contractName + " must fail for a tokenizer with flaw " + flaw);
            assertTrue(e.getMessage() != null && e.getMessage().contains(expectedInMessage),
                    () -> contractName + " failed for another reason than flaw " + flaw + ": " + e.getMessage());
        } finally {
            flawed.closeTokenizerUnderTest();
        }
        Kit correct = correctKit.get();
        try {
            contract.check(correct);
        } finally {
            correct.closeTokenizerUnderTest();
        }
    }

    @Test
    void chunkingTestIsSkippedOnlyForNonCausalTokenizers() {
        Kit nonCausal = kit(Flaw.DECLARES_NON_CAUSAL);
        try {
            assertThrows(TestAbortedException.class, nonCausal::causalEncodingInPiecesEqualsWholeFile);
        } finally {
            nonCausal.closeTokenizerUnderTest();
        }
    }
}
