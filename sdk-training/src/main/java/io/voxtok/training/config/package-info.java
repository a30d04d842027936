/**
 * Checks shared by the training configurations of every trainer ({@link io.voxtok.training.config.TrainingBounds}):
 * the trainer fields' accepted ranges, refused with one {@code USER_INPUT} line naming the file and the field.
 */
package io.voxtok.training.config;
