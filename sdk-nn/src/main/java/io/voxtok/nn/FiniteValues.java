package io.voxtok.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import io.voxtok.api.VoxtokException;

/**
 * Numerical health checks on model outputs: a stage whose output holds NaN or infinite values is refused with an
 * error naming the stage, instead of passing garbage on (NaN latents make every RVQ code 0; NaN audio or features
 * get written and used). Inputs and weights are checked where they are read; these checks catch the overflow of
 * finite weights on a given input.
 *
 * <p>Cheap: one sum on the engine per checked array (NaN and infinity propagate through a sum), one pass over a
 * Java array. A sum that overflows float32 is refused too: values near 1e38 are no valid activations either.
 */
public final class FiniteValues {
    private FiniteValues() {
    }

    /**
     * Refuses {@code x} if it holds a NaN or infinite value.
     *
     * @param stage names the stage in the message, e.g. {@code "SpeechTokenizer encoder output (latents)"}
     * @throws VoxtokException USER_INPUT naming the stage
     */
    public static void require(NDArray x, String stage) {
        double total;
        try (NDArray s = x.sum()) {
            total = s.getDataType() == DataType.FLOAT64 ? s.getDouble() : NdArrays.floats(s)[0];
        }
        if (!Double.isFinite(total)) {
            throw refusal(stage);
        }
    }

    /**
     * Refuses {@code x} if it holds a NaN or infinite value.
     *
     * @throws VoxtokException USER_INPUT naming the stage and the first bad index
     */
    public static void require(float[] x, String stage) {
        for (int i = 0; i < x.length; i++) {
            if (!Float.isFinite(x[i])) {
                throw VoxtokException.userInput(stage + " has a non-finite value (" + x[i] + ") at index " + i
                        + " of " + x.length + HINT);
            }
        }
    }

    private static final String HINT = "; the model's weights overflow on this input (check the checkpoint)";

    private static VoxtokException refusal(String stage) {
        return VoxtokException.userInput(stage + " has NaN or infinite values" + HINT);
    }
}
