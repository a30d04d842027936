package io.voxtok.spark.parquet;

/**
 * One utterance's teacher features, one row of a features shard.
 *
 * @param id              utterance id
 * @param path            the audio file
 * @param teacher         the teacher as requested ({@code --teacher})
 * @param producer        {@code name:variant} of the teacher
 * @param layer           the hidden state ({@code N} or {@code avg})
 * @param frameRate       frames per second
 * @param durationSeconds audio duration at the teacher's rate
 * @param features        {@code [frame][dim]}
 */
public record FeatureRow(String id, String path, String teacher, String producer, String layer, double frameRate,
                         double durationSeconds, float[][] features) {
    /** Number of frames. */
    public int frames() {
        return features.length;
    }

    /** Feature dimension (0 when there are no frames). */
    public int dim() {
        return features.length == 0 ? 0 : features[0].length;
    }
}
