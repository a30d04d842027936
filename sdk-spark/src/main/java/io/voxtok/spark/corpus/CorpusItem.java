package io.voxtok.spark.corpus;

import java.io.Serializable;
import java.util.Objects;

/**
 * One utterance of a corpus as the Spark job ships it to an executor: its id and where its audio is, never the
 * audio itself (executors read the file by path, so no audio passes through the driver).
 *
 * @param id   stable identifier, unique within the corpus (the Parquet {@code id} column)
 * @param path absolute path of the audio file, readable from every executor (a local or shared file system)
 */
public record CorpusItem(String id, String path) implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Validates. */
    public CorpusItem {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(path, "path");
        if (id.isBlank()) {
            throw new IllegalArgumentException("blank id for " + path);
        }
    }
}
