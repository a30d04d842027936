package io.voxtok.spark.job;

import java.io.Serializable;

/**
 * An utterance that failed, as the manifest lists it (the failures shards hold the same rows).
 *
 * @param id    utterance id
 * @param path  audio file
 * @param kind  {@code USER_INPUT} or the error's class
 * @param error the message
 */
public record FailedItem(String id, String path, String kind, String error) implements Serializable {
    private static final long serialVersionUID = 1L;
}
