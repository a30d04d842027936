/**
 * A seeded mutation fuzzer for file readers, for tests: {@link io.voxtok.testkit.fuzz.MutationFuzzer} mutates valid
 * seed files with {@link io.voxtok.testkit.fuzz.ByteMutator}, reads each case with a time and allocation limit, and
 * reports every case that does not end in success or a {@code USER_INPUT} error naming the file:
 *
 * <pre>{@code
 * MutationFuzzer.of("wav", "wav", WavReader::read).defaultIterations(1000)
 *         .seed(validWavBytes)
 *         .run(tempDir).assertNoFindings();
 * }</pre>
 *
 * <p>{@code -Dvoxtok.fuzz.iterations=N} and {@code -Dvoxtok.fuzz.seed=S} run longer or other cases; failing inputs
 * are saved under {@code target/fuzz-findings/} to become regression tests.
 */
package io.voxtok.testkit.fuzz;
