package io.voxtok.plugin.speakerencoder.onnx;

import io.voxtok.api.VoxtokException;

/**
 * Kaldi's log mel filterbank ({@code compute-fbank-feats} defaults, as reimplemented by
 * {@code torchaudio.compliance.kaldi.fbank}), which ONNX speaker encoders exported from Kaldi-style toolkits (e.g.
 * WeSpeaker) take as input: 25 ms frames every 10 ms without padding ({@code snip_edges}: {@code 1 + (N - 400) / 160}
 * frames at 16 kHz), no dither, DC offset removed, pre-emphasis 0.97, Povey window, power spectrum of a 512-point
 * FFT, {@code bins} triangular filters equally spaced on Kaldi's mel scale ({@code 1127 ln(1 + f / 700)}) from 20 Hz
 * to Nyquist, natural log floored at the float32 epsilon. Immutable and thread-safe.
 */
public final class KaldiFbank {
    private static final double PREEMPHASIS = 0.97;
    private static final double LOW_FREQ = 20;
    private static final float EPSILON = Math.ulp(1.0f);

    private final int sampleRate;
    private final int frameLength;
    private final int frameShift;
    private final int fftSize;
    private final int bins;
    private final double[] window;
    private final double[][] melBanks;
    private final double[][] cos;
    private final double[][] sin;

    /**
     * @param sampleRate input rate in Hz
     * @param bins       mel bins (80 for most speaker encoders)
     */
    public KaldiFbank(int sampleRate, int bins) {
        if (sampleRate <= 0 || bins <= 0) {
            throw new IllegalArgumentException("sample rate and bins must be positive");
        }
        this.sampleRate = sampleRate;
        this.bins = bins;
        this.frameLength = sampleRate * 25 / 1000;
        this.frameShift = sampleRate * 10 / 1000;
        this.fftSize = Integer.highestOneBit(frameLength - 1) << 1;
        this.window = new double[frameLength];
        for (int i = 0; i < frameLength; i++) {
            window[i] = Math.pow(0.5 - 0.5 * Math.cos(2 * Math.PI * i / (frameLength - 1)), 0.85);
        }
        int half = fftSize / 2;
        // a direct real DFT over the frame's samples (the zero padding contributes nothing): exact, and fast enough
        // for utterance-length inputs
        this.cos = new double[half + 1][frameLength];
        this.sin = new double[half + 1][frameLength];
        for (int k = 0; k <= half; k++) {
            for (int n = 0; n < frameLength; n++) {
                double a = 2 * Math.PI * ((long) k * n % fftSize) / fftSize;
                cos[k][n] = Math.cos(a);
                sin[k][n] = Math.sin(a);
            }
        }
        this.melBanks = melBanks();
    }

    private static double mel(double hz) {
        return 1127.0 * Math.log(1 + hz / 700.0);
    }

    private double[][] melBanks() {
        int half = fftSize / 2;
        double binWidth = sampleRate / (double) fftSize;
        double melLow = mel(LOW_FREQ);
        double melHigh = mel(sampleRate / 2.0);
        double delta = (melHigh - melLow) / (bins + 1);
        double[][] banks = new double[bins][half + 1];
        for (int b = 0; b < bins; b++) {
            double left = melLow + b * delta;
            double centre = left + delta;
            double right = centre + delta;
            // the Nyquist bin keeps weight 0, as in Kaldi
            for (int i = 0; i < half; i++) {
                double m = mel(binWidth * i);
                double up = (m - left) / (centre - left);
                double down = (right - m) / (right - centre);
                banks[b][i] = Math.max(0, Math.min(up, down));
            }
        }
        return banks;
    }

    /** Frames for {@code samples} input samples (0 when shorter than one frame). */
    public int frames(int samples) {
        return samples < frameLength ? 0 : 1 + (samples - frameLength) / frameShift;
    }

    /** Samples in one frame (the shortest input). */
    public int frameLength() {
        return frameLength;
    }

    /** Mel bins per frame. */
    public int bins() {
        return bins;
    }

    /**
     * Log mel energies.
     *
     * @param samples audio at the configured rate, already scaled as the model expects (Kaldi tools read 16-bit
     *                integers, so float audio in [-1, 1] is usually multiplied by 32768 first)
     * @return {@code [frames][bins]}
     * @throws VoxtokException USER_INPUT when the audio is shorter than one frame
     */
    public float[][] compute(float[] samples) {
        int frames = frames(samples.length);
        if (frames == 0) {
            throw VoxtokException.userInput("audio of " + samples.length + " samples is shorter than one fbank frame ("
                    + frameLength + " samples)");
        }
        float[][] out = new float[frames][bins];
        double[] frame = new double[frameLength];
        double[] power = new double[fftSize / 2 + 1];
        for (int f = 0; f < frames; f++) {
            int start = f * frameShift;
            double mean = 0;
            for (int i = 0; i < frameLength; i++) {
                frame[i] = samples[start + i];
                mean += frame[i];
            }
            mean /= frameLength;
            for (int i = 0; i < frameLength; i++) {
                frame[i] -= mean;
            }
            for (int i = frameLength - 1; i > 0; i--) {
                frame[i] -= PREEMPHASIS * frame[i - 1];
            }
            frame[0] -= PREEMPHASIS * frame[0];
            for (int i = 0; i < frameLength; i++) {
                frame[i] *= window[i];
            }
            for (int k = 0; k < power.length; k++) {
                double re = 0;
                double im = 0;
                double[] c = cos[k];
                double[] s = sin[k];
                for (int n = 0; n < frameLength; n++) {
                    re += frame[n] * c[n];
                    im += frame[n] * s[n];
                }
                power[k] = re * re + im * im;
            }
            for (int b = 0; b < bins; b++) {
                double e = 0;
                double[] w = melBanks[b];
                for (int k = 0; k < power.length; k++) {
                    e += w[k] * power[k];
                }
                out[f][b] = (float) Math.log(Math.max(EPSILON, e));
            }
        }
        return out;
    }
}
