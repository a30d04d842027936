/**
 * Run infrastructure any trainer uses: the metrics log ({@link io.voxtok.training.run.MetricsLog}, JSON Lines,
 * truncated on resume), atomic checkpoint directories with retention and a best pointer ({@link
 * io.voxtok.training.run.CheckpointStore}), a progress line ({@link io.voxtok.training.run.ProgressReporter}),
 * clean stops on SIGINT/SIGTERM ({@link io.voxtok.training.run.StopSignal}) and PNG loss curves ({@link
 * io.voxtok.training.run.LossCurvePlot}).
 *
 * <p>A typical loop: open the store, resume from {@code store.latest()} (model, optimiser and the
 * {@link io.voxtok.training.data.SamplerPosition} the trainer saved there) or start fresh; per step draw a batch,
 * train, {@code metrics.log(step, ...)}, {@code progress.update(step, ...)}; every N steps, and when
 * {@code stop.stopRequested()}, log first and then {@code store.save(step, dir -> ...)}, so a resumed run's metrics
 * match an uninterrupted run's.
 */
package io.voxtok.training.run;
