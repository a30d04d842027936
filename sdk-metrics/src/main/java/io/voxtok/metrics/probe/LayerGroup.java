package io.voxtok.metrics.probe;

/**
 * A contiguous range of RVQ layers, numbered from 1 as in the papers ({@code RVQ-1} is the first quantiser),
 * both ends included.
 *
 * @param first first layer (1-based)
 * @param last  last layer (1-based, {@code >= first})
 */
public record LayerGroup(int first, int last) {
    /** Validates. */
    public LayerGroup {
        if (first < 1 || last < first) {
            throw new IllegalArgumentException("bad layer group " + first + ":" + last
                    + " (layers are numbered from 1; write a or a:b with a <= b)");
        }
    }

    /** Parses {@code "a"} or {@code "a:b"}. */
    public static LayerGroup parse(String spec) {
        String s = spec.trim();
        try {
            int colon = s.indexOf(':');
            if (colon < 0) {
                int a = Integer.parseInt(s);
                return new LayerGroup(a, a);
            }
            return new LayerGroup(Integer.parseInt(s.substring(0, colon).trim()),
                    Integer.parseInt(s.substring(colon + 1).trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad layer group '" + spec + "': write a or a:b, e.g. 1 or 2:8");
        }
    }

    /** Number of layers. */
    public int size() {
        return last - first + 1;
    }

    /** {@code RVQ-a} or {@code RVQ-a..b}. */
    public String label() {
        return first == last ? "RVQ-" + first : "RVQ-" + first + ".." + last;
    }
}
