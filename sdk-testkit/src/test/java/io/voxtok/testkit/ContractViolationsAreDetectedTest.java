package io.voxtok.testkit;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.voxtok.api.token.Tokenizer;
import io.voxtok.testkit.ResidualScalarTokenizer.Flaw;
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
    /** One contract test of the kit, called directly on a kit instance. */
    @FunctionalInterface
    interface Contract {
        void check(AbstractTokenizerContractTest kit) throws Exception;
    }

    /** The kit wired to a tokenizer with the given flaw. */
    private static final class Kit extends AbstractTokenizerContractTest {
        private final Flaw flaw;

        Kit(Flaw flaw) {
            this.flaw = flaw;
        }

        @Override
        protected Tokenizer createTokenizer() {
            return new ResidualScalarTokenizer(flaw);
        }
    }

    private static Arguments violation(Flaw flaw, String expectedInMessage, String name, Contract contract) {
        return Arguments.of(flaw, expectedInMessage, name, contract);
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
                violation(Flaw.DECODE_ONE_SAMPLE_SHORT, "hopLength", "decodeReturnsValidFramesTimesHopSamples",
                        AbstractTokenizerContractTest::decodeReturnsValidFramesTimesHopSamples),
                violation(Flaw.DECLARES_NON_CAUSAL, "StreamingTokenizer", "specAndProducerAreConsistent",
                        AbstractTokenizerContractTest::specAndProducerAreConsistent),
                violation(Flaw.EMPTY_GIVES_ZERO_FRAMES, "empty audio", "emptyAudioIsRefused",
                        AbstractTokenizerContractTest::emptyAudioIsRefused));
    }

    @ParameterizedTest(name = "{0} fails {2}")
    @MethodSource("violations")
    void flawFailsItsContractAndTheCorrectTokenizerPassesIt(Flaw flaw, String expectedInMessage, String contractName,
            Contract contract)
            throws Exception {
        Kit flawed = new Kit(flaw);
        try {
            AssertionError e = assertThrows(AssertionError.class, () -> contract.check(flawed),
                    contractName + " must fail for a tokenizer with flaw " + flaw);
            assertTrue(e.getMessage() != null && e.getMessage().contains(expectedInMessage),
                    () -> contractName + " failed for another reason than flaw " + flaw + ": " + e.getMessage());
        } finally {
            flawed.closeTokenizerUnderTest();
        }
        Kit correct = new Kit(Flaw.NONE);
        try {
            contract.check(correct);
        } finally {
            correct.closeTokenizerUnderTest();
        }
    }

    @Test
    void chunkingTestIsSkippedOnlyForNonCausalTokenizers() {
        Kit nonCausal = new Kit(Flaw.DECLARES_NON_CAUSAL);
        try {
            assertThrows(TestAbortedException.class, nonCausal::causalEncodingInPiecesEqualsWholeFile);
        } finally {
            nonCausal.closeTokenizerUnderTest();
        }
    }
}
