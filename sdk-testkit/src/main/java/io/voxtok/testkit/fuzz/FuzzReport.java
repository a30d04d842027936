package io.voxtok.testkit.fuzz;

import java.util.List;
import java.util.Locale;

/**
 * The result of a {@link MutationFuzzer} run.
 *
 * @param reader   the reader's name
 * @param cases    cases run (fewer than asked for when the run stopped after repeated hangs)
 * @param read     cases the reader accepted
 * @param refused  cases refused with a proper {@code USER_INPUT} error naming the file
 * @param findings the other cases
 * @param seconds  wall time
 */
public record FuzzReport(String reader, int cases, int read, int refused, List<FuzzFinding> findings, double seconds) {
    private static final int LISTED = 10;

    /** Copies the list. */
    public FuzzReport {
        findings = List.copyOf(findings);
    }

    /** One line: counts and time. */
    public String summary() {
        return String.format(Locale.ROOT, "fuzz %s: %d cases, %d read, %d refused cleanly, %d findings, %.1f s",
                reader, cases, read, refused, findings.size(), seconds);
    }

    /**
     * Fails with the summary and the first findings when there are any.
     *
     * @throws AssertionError listing the findings
     */
    public void assertNoFindings() {
        if (findings.isEmpty()) {
            return;
        }
        StringBuilder b = new StringBuilder(summary());
        findings.stream().limit(LISTED).forEach(f -> b.append("\n  ").append(f));
        if (findings.size() > LISTED) {
            b.append("\n  ... and ").append(findings.size() - LISTED).append(" more");
        }
        throw new AssertionError(b.toString());
    }
}
