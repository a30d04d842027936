package io.voxtok.spark.job;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The progress line's counts, elapsed time and ETA. */
class ShardProgressTest {
    @Test
    void etaFollowsTheMeanPace() {
        assertEquals("shards 3/12 (25%), 0:30 elapsed, ETA 1:30", ShardProgress.line(3, 12, 30));
        assertEquals("shards 0/4 (0%), 0:00 elapsed, ETA ?", ShardProgress.line(0, 4, 0));
        assertEquals("1:01:05", ShardProgress.clock(3665));
    }
}
