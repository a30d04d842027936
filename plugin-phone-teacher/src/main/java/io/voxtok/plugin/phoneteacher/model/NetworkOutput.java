package io.voxtok.plugin.phoneteacher.model;

import ai.djl.ndarray.NDArray;

import java.util.List;

/**
 * What one {@link PhoneTeacherNetwork} forward pass yields; the arrays belong to the input's manager.
 *
 * @param hidden the output of every convolution block, each {@code (B, channels, T)}
 * @param logits phone scores {@code (B, T, phones)}
 */
public record NetworkOutput(List<NDArray> hidden, NDArray logits) {
    /** Copies the list. */
    public NetworkOutput {
        hidden = List.copyOf(hidden);
    }
}
