/**
 * Conformance kit for Voxtok plugins: abstract JUnit 5 contract suites that a plugin's own tests extend, and
 * deterministic test signals.
 *
 * <p>To check a tokenizer, add {@code io.voxtok:sdk-testkit} with test scope and write one class:
 *
 * <pre>{@code
 * class MyTokenizerContractTest extends AbstractTokenizerContractTest {
 *     @Override
 *     protected Tokenizer createTokenizer() {
 *         return new MyTokenizer(); // or MyTokenizerFactory.create(config, context) as the runtime would
 *     }
 * }
 * }</pre>
 *
 * <p>Every contract of {@link io.voxtok.api.token.Tokenizer} the SPI states (shapes, code range, decode lengths,
 * determinism, batch equals item-by-item, leading layer ranges, causal chunking, concurrency, input errors,
 * foreign tokens, idempotent close) then runs as an ordinary test of that class. Capabilities the plugin
 * lacks are hooks with defaults ({@link io.voxtok.testkit.AbstractTokenizerContractTest#minimumSamples()},
 * {@link io.voxtok.testkit.AbstractTokenizerContractTest#minimumRoundTripSnrDb()}, ...).
 */
package io.voxtok.testkit;
