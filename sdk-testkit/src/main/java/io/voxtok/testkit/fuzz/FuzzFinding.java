package io.voxtok.testkit.fuzz;

import java.nio.file.Path;

/**
 * A fuzz case whose outcome is not acceptable (see {@link MutationFuzzer}).
 *
 * @param caseNumber  the case, reproducible from the run's seed
 * @param mutations   how the seed file was changed
 * @param problem     what went wrong
 * @param savedInput  where the input was saved, or {@code null} if it could not be
 */
public record FuzzFinding(int caseNumber, String mutations, String problem, Path savedInput) {
    @Override
    public String toString() {
        return "case " + caseNumber + " [" + mutations + "]: " + problem
                + (savedInput == null ? "" : " (input saved as " + savedInput + ")");
    }
}
