package io.voxtok.plugin.slmtokbench.common;

/** The number of items of a corpus for progress reports: its size when it is a collection, else -1 (unknown). */
public final class CorpusSize {
    private CorpusSize() {
    }

    /** Size of {@code corpus}, or -1. */
    public static long of(Iterable<?> corpus) {
        return corpus instanceof java.util.Collection<?> c ? c.size() : -1;
    }
}
