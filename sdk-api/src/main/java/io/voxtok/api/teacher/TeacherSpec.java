package io.voxtok.api.teacher;

/**
 * What a teacher consumes and produces. Immutable.
 *
 * @param sampleRate input sample rate in Hz
 * @param dim        feature dimension
 * @param frameRate  output frames per second
 * @param numHiddenStates number of selectable hidden states ({@link LayerSelection.Single} takes
 *                   {@code 0 .. numHiddenStates - 1})
 */
public record TeacherSpec(int sampleRate, int dim, double frameRate, int numHiddenStates) {
}
