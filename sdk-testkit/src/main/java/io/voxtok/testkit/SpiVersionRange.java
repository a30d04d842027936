package io.voxtok.testkit;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a plugin descriptor's {@code plugin.requires} the way the runtime's version check does for the forms plugin
 * authors use: comparisons ({@code >=1.2.0}, {@code <2.0.0}, {@code =1.0.0}, {@code !=1.1.0}, or a bare version)
 * joined by {@code &} (all must hold) and {@code |} or {@code ||} (one alternative must hold), and {@code *} for any
 * version. Other forms are reported as unreadable rather than guessed. Stateless and thread-safe.
 */
final class SpiVersionRange {
    private static final Pattern TERM = Pattern.compile("(>=|<=|!=|>|<|=)?\\s*v?(\\d+)\\.(\\d+)\\.(\\d+)");

    private SpiVersionRange() {
    }

    /**
     * Whether {@code version} ({@code MAJOR.MINOR.PATCH}) satisfies {@code expression}.
     *
     * @throws IllegalArgumentException naming the part of {@code expression} that is not one of the forms above
     */
    static boolean contains(String expression, String version) {
        int[] v = parse(version.trim(), version);
        String e = expression.trim();
        if (e.equals("*")) {
            return true;
        }
        boolean any = false;
        for (String alternative : e.split("\\|\\|?")) {
            boolean all = true;
            for (String term : alternative.split("&")) {
                all &= holds(term.trim(), v, expression);
            }
            any |= all;
        }
        return any;
    }

    private static boolean holds(String term, int[] v, String expression) {
        Matcher m = TERM.matcher(term);
        if (!m.matches()) {
            throw new IllegalArgumentException("cannot read '" + term + "' in '" + expression + "': the kit reads "
                    + "comparisons (>=, >, <=, <, =, !=) with MAJOR.MINOR.PATCH versions joined by & and |");
        }
        int c = compare(v, new int[] {Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)),
            Integer.parseInt(m.group(4))});
        String op = m.group(1) == null ? "=" : m.group(1);
        return switch (op) {
            case ">=" -> c >= 0;
            case "<=" -> c <= 0;
            case ">" -> c > 0;
            case "<" -> c < 0;
            case "!=" -> c != 0;
            default -> c == 0;
        };
    }

    private static int[] parse(String version, String original) {
        Matcher m = TERM.matcher(version);
        if (!m.matches() || m.group(1) != null) {
            throw new IllegalArgumentException("not a MAJOR.MINOR.PATCH version: '" + original + "'");
        }
        return new int[] {Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)), Integer.parseInt(m.group(4))};
    }

    private static int compare(int[] a, int[] b) {
        for (int i = 0; i < 3; i++) {
            if (a[i] != b[i]) {
                return Integer.compare(a[i], b[i]);
            }
        }
        return 0;
    }
}
