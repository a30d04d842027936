package io.voxtok.testkit;

import io.voxtok.api.token.Tokenizer;

/**
 * The whole kit on a correct segmented tokenizer: windows of 1 000 samples every 990 declared in its spec, so the
 * long signal's frames and decoded length, batches and the concurrency stress follow the declared segmentation.
 */
final class SegmentedResidualScalarTokenizerContractTest extends AbstractTokenizerContractTest {
    @Override
    protected Tokenizer createTokenizer() {
        return new SegmentedResidualScalarTokenizer(true);
    }
}
