/**
 * The official training forward (losses, top-10 accuracies) and the NAR stage draw; the {@code uslm} training recipe
 * ({@link io.voxtok.plugin.uslm.training.UslmRecipe}: trainer, checkpoints with exact resume, corpus runs, export) and
 * teacher-forced scoring ({@link io.voxtok.plugin.uslm.training.UslmScorer}).
 */
package io.voxtok.plugin.uslm.training;
