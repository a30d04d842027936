package io.voxtok.spark.job;

/**
 * What a run did and what the output holds.
 *
 * @param output          the output folder (URI)
 * @param shards          shards of the whole output
 * @param shardsRun       shards this run tokenized
 * @param shardsSkipped   shards already committed by an earlier run
 * @param utterances      utterances in the output's token shards
 * @param failures        utterances in its failures shards
 * @param audioSeconds    audio tokenized, whole output
 * @param runAudioSeconds audio tokenized by this run
 * @param runSeconds      wall time of this run's Spark job (model loading on executors included)
 */
public record JobOutcome(String output, int shards, int shardsRun, int shardsSkipped, long utterances, long failures,
                         double audioSeconds, double runAudioSeconds, double runSeconds) {
    /** Audio hours tokenized per wall-clock hour by this run (0 when it ran nothing). */
    public double audioHoursPerHour() {
        return runSeconds > 0 ? runAudioSeconds / runSeconds : 0;
    }
}
