package io.voxtok.nn.config;

import io.voxtok.api.VoxtokException;
import java.util.Arrays;

/**
 * Upper bounds for model configuration fields, checked when a {@code config.json} is read.
 *
 * <p>A config asking for a model no one trains (sizes of 1e9, a million codebooks or LSTM layers, strides whose
 * product overflows) would otherwise allocate gigabytes or compute for minutes before anything failed. The bounds
 * sit far above every released model; each refusal is a one-line USER_INPUT error naming the file and the field.
 */
public final class ConfigBounds {
    /** Most parameters a configuration may describe: 2 GB of float32, 20 times the largest model we load. */
    public static final double MAX_PARAMETERS = 5e8;
    /** Most samples one latent frame may span (the product of the strides); real codecs use 320 to 960. */
    public static final long MAX_HOP = 1 << 20;

    private ConfigBounds() {
    }

    /**
     * Refuses {@code value} outside {@code [min, max]}.
     *
     * @param source the config file, for the message
     * @param field  the field as the file names it
     */
    public static void range(String source, String field, long value, long min, long max) {
        if (value < min || value > max) {
            throw VoxtokException.userInput("config " + source + ": field \"" + field + "\" is " + value
                    + ", outside the accepted range [" + min + ", " + max + "]");
        }
    }

    /**
     * Checks strides (each in {@code [1, 1024]}, at most 16 of them) and returns their product, refusing a product
     * above {@link #MAX_HOP} before it could overflow.
     */
    public static int hop(String source, String field, int[] strides) {
        range(source, field + " (count)", strides.length, 1, 16);
        long hop = 1;
        for (int s : strides) {
            range(source, field + "[i]", s, 1, 1024);
            hop *= s;
            if (hop > MAX_HOP) {
                throw VoxtokException.userInput("config " + source + ": field \"" + field + "\" "
                        + Arrays.toString(strides) + " multiplies to more than " + MAX_HOP + " samples per frame");
            }
        }
        return (int) hop;
    }

    /**
     * Rough parameter count of a SEANet encoder and decoder pair with LSTMs and residual codebooks, in double so
     * that absurd fields cannot overflow it; it only needs to be within a small factor of the truth.
     */
    public static double seanetCodecParameters(int nFilters, int stages, int dimension, int residualKernelSize,
                                               int nResidualLayers, int lstmLayers, boolean bidirectional,
                                               int codebookSize, int nQ) {
        double seanet = 7.0 * nFilters;
        for (int i = 0; i < stages; i++) {
            double ch = nFilters * Math.pow(2, i);
            seanet += nResidualLayers * (ch * (ch / 2) * residualKernelSize + ch / 2 * ch) + 8 * ch * ch;
        }
        seanet += nFilters * Math.pow(2, stages) * dimension * 7;
        double lstm = lstmLayers * 8.0 * dimension * dimension * (bidirectional ? 2 : 1);
        return 2 * seanet + 2 * lstm + (double) nQ * codebookSize * dimension;
    }

    /** Refuses a model estimated at more than {@link #MAX_PARAMETERS} parameters, naming the fields that size it. */
    public static void parameters(String source, String fields, double parameters) {
        if (parameters > MAX_PARAMETERS) {
            throw VoxtokException.userInput(String.format("config %s: fields %s describe a model of about %.3g "
                    + "parameters, more than the %.3g accepted", source, fields, parameters, MAX_PARAMETERS));
        }
    }
}
