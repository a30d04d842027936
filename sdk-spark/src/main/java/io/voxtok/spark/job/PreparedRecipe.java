package io.voxtok.spark.job;

import io.voxtok.spark.corpus.CorpusItem;

/**
 * A recipe with its component loaded in this JVM: turns utterances into rows. Safe for concurrent use by the tasks
 * of one executor (the components' SPI contracts make {@code encode}/{@code represent} thread-safe).
 *
 * @param <R> the row type
 */
public interface PreparedRecipe<R> {
    /**
     * Reads the utterance's audio from its path and makes its row.
     *
     * @throws RuntimeException when the file cannot be read or encoded (it becomes a failures-table row, unless it
     *                          is a {@code VoxtokException} of kind ENVIRONMENT or PLUGIN, which fails the task)
     */
    R encode(CorpusItem item);

    /** Frames in {@code row} (token frames, or units). */
    long frames(R row);

    /** Audio seconds {@code row} covers. */
    double seconds(R row);

    /** What the output is, for {@code job.json} and the manifest. */
    OutputDescription describe();
}
