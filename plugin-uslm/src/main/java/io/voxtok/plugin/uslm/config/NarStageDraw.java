package io.voxtok.plugin.uslm.config;

/** Which NAR stages one training forward trains. */
public enum NarStageDraw {
    /**
     * The official USLM (and, in this fork, VALLE) rule: stage 1 (predicts RVQ-2) always, plus one stage drawn
     * uniformly from 2..7; the two losses are summed.
     */
    STAGE1_PLUS_UNIFORM_2_7,
    /** Upstream lifeiteng/vall-e: one stage drawn uniformly from 1..7 (a fix option; not the fork's behaviour). */
    UNIFORM_1_7
}
