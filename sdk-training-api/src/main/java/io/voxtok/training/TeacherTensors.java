package io.voxtok.training;

import ai.djl.ndarray.NDArray;
import io.voxtok.api.teacher.LayerSelection;

/** A frozen teacher that returns features as arrays on the training device (no gradient). */
public interface TeacherTensors extends AutoCloseable {
    /**
     * Features of a batch of mono audio {@code (B, L)} at the teacher's rate.
     *
     * @return {@code (B, T', D)} on the input's manager
     */
    NDArray features(NDArray audio, LayerSelection layers);

    @Override
    void close();
}
