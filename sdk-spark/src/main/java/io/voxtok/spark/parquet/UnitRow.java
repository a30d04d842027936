package io.voxtok.spark.parquet;

/**
 * One utterance's k-means units of a teacher's features, one row of a units shard.
 *
 * @param id              utterance id
 * @param path            the audio file
 * @param teacher         the teacher as requested ({@code --teacher})
 * @param producer        {@code name:variant} of the teacher
 * @param layer           the hidden state ({@code N} or {@code avg})
 * @param k               number of centroids
 * @param dedup           whether runs of one unit were collapsed
 * @param frames          teacher frames (before any collapse)
 * @param frameRate       teacher frames per second
 * @param durationSeconds audio duration at the teacher's rate
 * @param units           the units
 */
public record UnitRow(String id, String path, String teacher, String producer, String layer, int k, boolean dedup,
                      int frames, double frameRate, double durationSeconds, int[] units) {
}
