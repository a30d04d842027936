package io.voxtok.metrics;

/**
 * A simple, model-free speaker embedding of 16 kHz mono audio: the mean and the standard deviation over frames of
 * 40 log-mel band energies (25 ms Hann window, 10 ms hop, 512-point FFT, 0 to 8 kHz), 80 numbers in all. The mean
 * captures the long-term spectral envelope (vocal tract length, voice quality), the deviation how it moves. It is
 * a crude voice descriptor, fit for comparing speakers of one corpus, not a verification-grade embedding.
 */
public final class SpeakerEmbedding {
    /** Sample rate the audio must have. */
    public static final int SAMPLE_RATE = 16_000;
    /** Mel bands. */
    public static final int MELS = 40;
    /** Length of the embedding: means then standard deviations. */
    public static final int DIMENSION = 2 * MELS;
    private static final int N_FFT = 512;
    private static final int WIN = 400;
    private static final int HOP = 160;
    // Floors the log so digital silence does not dominate the statistics.
    private static final double FLOOR = 1e-5;
    private static final MelFilterbank MEL = new MelFilterbank(SAMPLE_RATE, N_FFT, MELS, 0, SAMPLE_RATE / 2.0);

    private SpeakerEmbedding() {
    }

    /**
     * The embedding of {@code samples} (16 kHz mono, at least 257 samples).
     *
     * @throws io.voxtok.api.VoxtokException (USER_INPUT) when the signal is too short
     */
    public static double[] of(float[] samples) {
        double[][] mag = Spectrogram.magnitude("speaker embedding", samples, N_FFT, HOP, WIN);
        double[] sum = new double[MELS];
        double[] sumSq = new double[MELS];
        for (double[] frame : mag) {
            double[] m = MEL.apply(frame);
            for (int k = 0; k < MELS; k++) {
                double v = Math.log(Math.max(m[k], FLOOR));
                sum[k] += v;
                sumSq[k] += v * v;
            }
        }
        double[] out = new double[DIMENSION];
        int n = mag.length;
        for (int k = 0; k < MELS; k++) {
            double mean = sum[k] / n;
            out[k] = mean;
            out[MELS + k] = Math.sqrt(Math.max(0, sumSq[k] / n - mean * mean));
        }
        return out;
    }
}
