package io.voxtok.api.teacher;

import io.voxtok.api.Component;
import io.voxtok.api.audio.AudioBuffer;

/**
 * A frozen speech representation model (HuBERT) that yields continuous features, used as the semantic
 * distillation target and for k-means units. Thread-safe for concurrent {@link #represent} calls.
 */
public interface Teacher extends Component {
    /** Input and output description. */
    TeacherSpec spec();

    /** Features of mono audio at {@code spec().sampleRate()}. */
    FeatureSequence represent(AudioBuffer audio, LayerSelection layers);
}
