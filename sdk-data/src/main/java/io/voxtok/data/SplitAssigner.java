package io.voxtok.data;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.function.Function;

/**
 * Deterministic train/dev/test assignment for corpora without an official split: the SHA-256 of a key (by
 * default the speaker, so dev and test speakers are held out) is mapped to {@code u} in [0, 1); {@code u <
 * test} is test, {@code u < test + dev} is dev, the rest train. The same key always lands in the same split,
 * on every machine and in every run, independent of file order.
 */
public final class SplitAssigner {
    private final double devFraction;
    private final double testFraction;
    private final Function<CorpusEntry, String> key;
    private final String salt;

    private SplitAssigner(double devFraction, double testFraction, Function<CorpusEntry, String> key, String salt) {
        if (devFraction < 0 || testFraction < 0 || devFraction + testFraction >= 1) {
            throw new IllegalArgumentException("bad split fractions dev=" + devFraction + " test=" + testFraction);
        }
        this.devFraction = devFraction;
        this.testFraction = testFraction;
        this.key = key;
        this.salt = salt;
    }

    /** Held-out speakers: all utterances of a speaker share one split. */
    public static SplitAssigner bySpeaker(double devFraction, double testFraction) {
        return new SplitAssigner(devFraction, testFraction, CorpusEntry::speaker, "speaker");
    }

    /** Any key, e.g. the text for sentence-disjoint splits. {@code salt} names the key so different keys decorrelate. */
    public static SplitAssigner byKey(double devFraction, double testFraction, String salt,
                                      Function<CorpusEntry, String> key) {
        return new SplitAssigner(devFraction, testFraction, key, salt);
    }

    /** The split of {@code entry}. */
    public Split assign(CorpusEntry entry) {
        return splitOf(key.apply(entry));
    }

    /** The split of a raw key. */
    public Split splitOf(String k) {
        double u = unitHash(salt + "\u0000" + k);
        if (u < testFraction) {
            return Split.TEST;
        }
        return u < testFraction + devFraction ? Split.DEV : Split.TRAIN;
    }

    /** {@code entry} moved to its assigned split. */
    public CorpusEntry apply(CorpusEntry entry) {
        return entry.withSplit(assign(entry));
    }

    /** SHA-256 of the UTF-8 bytes, first 53 bits as a double in [0, 1). */
    static double unitHash(String s) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            long v = 0;
            for (int i = 0; i < 8; i++) {
                v = (v << 8) | (d[i] & 0xff);
            }
            return (v >>> 11) / (double) (1L << 53);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }
}
