package io.voxtok.units;

import io.voxtok.api.VoxtokException;
import io.voxtok.api.teacher.FeatureSequence;
import java.nio.FloatBuffer;

/**
 * The numerical-health check of the teacher-features stage: features with a NaN or infinite value are refused
 * naming the input and the teacher, before they are cached, clustered or turned into units (issue #16: HuBERT with
 * overflowing weights wrote NaN features and exited 0). One pass over the features.
 */
public final class TeacherOutputCheck {
    private TeacherOutputCheck() {
    }

    /**
     * Refuses features holding a NaN or infinite value.
     *
     * @param input   names the input in the message (its file, or an item id)
     * @param teacher names the teacher in the message
     * @throws VoxtokException USER_INPUT naming the input, the teacher and the first bad frame
     */
    public static void requireFinite(FeatureSequence f, String input, String teacher) {
        FloatBuffer d = f.data();
        for (int i = 0, n = d.remaining(); i < n; i++) {
            if (!Float.isFinite(d.get(i))) {
                throw VoxtokException.userInput(input + ": teacher '" + teacher + "' output (features) has a non-finite"
                        + " value (NaN or infinite) at frame " + (i / f.dim()) + " of " + f.frames()
                        + "; nothing written (the model's weights overflow on this input: check the checkpoint)");
            }
        }
    }
}
