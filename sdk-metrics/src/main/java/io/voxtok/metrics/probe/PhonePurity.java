package io.voxtok.metrics.probe;

import io.voxtok.api.VoxtokException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Phone/code co-occurrence counts of one token layer over labelled frames, and the purities derived from them:
 * <ul>
 *   <li><b>phone purity</b> = {@code sum_z max_y n(y, z) / N}: how well a code predicts its phone (1 when every
 *   code is used for one phone only);</li>
 *   <li><b>code purity</b> = {@code sum_y max_z n(y, z) / N}: how consistently a phone gets the same code (1 when
 *   every phone always gets one code), with each phone's most frequent code ({@link #topCodes()}).</li>
 * </ul>
 * Frames with a {@code null} phone are skipped. Not thread-safe.
 */
public final class PhonePurity {
    private final int codebookSize;
    // Sorted by phone so reports and ties are reproducible.
    private final Map<String, long[]> joint = new TreeMap<>();
    private long frames;

    /** An empty accumulator for codes in {@code [0, codebookSize)}. */
    public PhonePurity(int codebookSize) {
        if (codebookSize < 1) {
            throw new IllegalArgumentException("codebook size must be >= 1");
        }
        this.codebookSize = codebookSize;
    }

    /** Adds frames {@code codes[t]} labelled {@code phones[t]} (same length; null phones skipped). */
    public PhonePurity add(int[] codes, String[] phones) {
        if (codes.length != phones.length) {
            throw VoxtokException.userInput("phone purity: " + codes.length + " code frames but " + phones.length
                    + " phone labels");
        }
        for (int t = 0; t < codes.length; t++) {
            if (codes[t] < 0 || codes[t] >= codebookSize) {
                throw VoxtokException.userInput("phone purity: code " + codes[t] + " outside [0, " + codebookSize + ")");
            }
            if (phones[t] != null) {
                joint.computeIfAbsent(phones[t], k -> new long[codebookSize])[codes[t]]++;
                frames++;
            }
        }
        return this;
    }

    /** Number of labelled frames added. */
    public long frames() {
        return frames;
    }

    /** Number of distinct phones seen. */
    public int phones() {
        return joint.size();
    }

    /** {@code sum_z max_y n(y, z) / N}; NaN when no frame was added. */
    public double phonePurity() {
        long[] best = new long[codebookSize];
        for (long[] row : joint.values()) {
            for (int z = 0; z < codebookSize; z++) {
                best[z] = Math.max(best[z], row[z]);
            }
        }
        long sum = 0;
        for (long b : best) {
            sum += b;
        }
        return frames == 0 ? Double.NaN : sum / (double) frames;
    }

    /** {@code sum_y max_z n(y, z) / N}; NaN when no frame was added. */
    public double codePurity() {
        long sum = 0;
        for (TopCode t : topCodes()) {
            sum += t.count();
        }
        return frames == 0 ? Double.NaN : sum / (double) frames;
    }

    /** Each phone's most frequent code (lowest code on ties), in phone order. */
    public List<TopCode> topCodes() {
        List<TopCode> out = new ArrayList<>();
        for (Map.Entry<String, long[]> e : joint.entrySet()) {
            long[] row = e.getValue();
            int best = 0;
            long total = 0;
            for (int z = 0; z < codebookSize; z++) {
                total += row[z];
                if (row[z] > row[best]) {
                    best = z;
                }
            }
            out.add(new TopCode(e.getKey(), best, row[best], total));
        }
        return out;
    }

    /**
     * A phone's most frequent code.
     *
     * @param phone  the phone
     * @param code   its most frequent code
     * @param count  frames of the phone with that code
     * @param frames frames of the phone
     */
    public record TopCode(String phone, int code, long count, long frames) {
        /** {@code count / frames}. */
        public double fraction() {
            return count / (double) frames;
        }
    }
}
