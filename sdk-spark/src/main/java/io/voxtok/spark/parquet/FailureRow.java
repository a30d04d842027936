package io.voxtok.spark.parquet;

/**
 * An utterance that could not be tokenized, one row of a failures shard.
 *
 * @param id        utterance id
 * @param path      its audio file
 * @param errorKind {@code USER_INPUT} for bad input (a corrupt or unreadable file), else the error's class
 * @param error     the error message (names the file)
 */
public record FailureRow(String id, String path, String errorKind, String error) {
}
