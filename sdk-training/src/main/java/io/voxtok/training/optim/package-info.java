/**
 * Optimisation of codec training: {@link io.voxtok.training.optim.Adam} with PyTorch 1.13's update rule and exportable
 * state, {@link io.voxtok.training.optim.CosineAnnealingSchedule} reproducing torch's recursive
 * {@code CosineAnnealingLR} values exactly, {@link io.voxtok.training.optim.GradientClipping} and
 * {@link io.voxtok.training.optim.GradientNorms}. Updates run on DJL arrays in place, outside autograd.
 */
package io.voxtok.training.optim;
