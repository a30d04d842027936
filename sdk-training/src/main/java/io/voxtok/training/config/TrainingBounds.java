package io.voxtok.training.config;

import io.voxtok.api.VoxtokException;
import io.voxtok.nn.config.ConfigBounds;

/**
 * Upper and lower bounds for the trainer fields of training configurations (steps, batch sizes, crop lengths,
 * learning rates, loss weights, worker counts), checked when the file is read.
 *
 * <p>The model fields of a training configuration are bounded by the model's own reader ({@link ConfigBounds}); the
 * trainer fields would otherwise be taken as given: a negative or infinite learning rate trains towards garbage
 * with exit 0, a batch of 1e9 crops or a crop of 1e9 samples runs out of memory only after the corpus is loaded, and
 * 1e9 loader threads or k-means iterations never end. The bounds sit far above every recipe in {@code configs/};
 * each refusal is one {@code USER_INPUT} line naming the file and the field, in {@link ConfigBounds}' words.
 */
public final class TrainingBounds {
    /** Most optimiser steps a run (or a period, warm-up, schedule length) may ask for; recipes use up to 2e5. */
    public static final long MAX_STEPS = 100_000_000L;
    /** Most items in one batch. */
    public static final long MAX_BATCH_SIZE = 4096;
    /** Longest training crop, in seconds of audio. */
    public static final double MAX_SEGMENT_SECONDS = 600;
    /** Most input samples in one batch (crops x crop length): 512 MiB of float32; recipes use about 3e5. */
    public static final long MAX_BATCH_SAMPLES = 1L << 27;
    /** Most loader threads. */
    public static final long MAX_THREADS = 256;
    /** Most dev items, speakers or checkpoints kept. */
    public static final long MAX_ITEMS = 10_000_000L;
    /** Longest stretch of one dev item that validation reads, in seconds. */
    public static final double MAX_VALID_SECONDS = 3600;
    /** Largest learning rate (Adam's step is about the learning rate, so 1 already moves every weight by 1). */
    public static final double MAX_LEARNING_RATE = 1;
    /** Largest loss weight or gradient norm threshold. */
    public static final double MAX_WEIGHT = 1e9;

    private TrainingBounds() {
    }

    /** A step count in {@code [min, MAX_STEPS]}. */
    public static void steps(String source, String field, long value, long min) {
        ConfigBounds.range(source, field, value, min, MAX_STEPS);
    }

    /** An integer in {@code [min, max]} ({@link ConfigBounds#range}). */
    public static void count(String source, String field, long value, long min, long max) {
        ConfigBounds.range(source, field, value, min, max);
    }

    /**
     * A real number in the interval from {@code min} to {@code max}, each end included or not; NaN and infinities are
     * always refused.
     */
    public static void real(String source, String field, double value, double min, boolean minIncluded, double max,
                            boolean maxIncluded) {
        boolean above = minIncluded ? value >= min : value > min;
        boolean below = maxIncluded ? value <= max : value < max;
        if (!Double.isFinite(value) || !above || !below) {
            throw VoxtokException.userInput("config " + source + ": field \"" + field + "\" is " + value
                    + ", outside the accepted range " + (minIncluded ? "[" : "(") + plain(min) + ", " + plain(max)
                    + (maxIncluded ? "]" : ")"));
        }
    }

    /** A learning rate in {@code (0, MAX_LEARNING_RATE]}. */
    public static void learningRate(String source, String field, double value) {
        real(source, field, value, 0, false, MAX_LEARNING_RATE, true);
    }

    /** A learning rate that may be 0 (a schedule's start or end), in {@code [0, MAX_LEARNING_RATE]}. */
    public static void learningRateOrZero(String source, String field, double value) {
        real(source, field, value, 0, true, MAX_LEARNING_RATE, true);
    }

    /** An Adam beta in {@code [0, 1)}. */
    public static void beta(String source, String field, double value) {
        real(source, field, value, 0, true, 1, false);
    }

    /** A loss weight or norm threshold in {@code [0, MAX_WEIGHT]}. */
    public static void weight(String source, String field, double value) {
        real(source, field, value, 0, true, MAX_WEIGHT, true);
    }

    /**
     * A batch: {@code batchSize} in {@code [1, MAX_BATCH_SIZE]}, crops of {@code segmentSamples} in
     * {@code [minSegment, MAX_SEGMENT_SECONDS]} at {@code sampleRate}, and at most {@link #MAX_BATCH_SAMPLES} samples
     * in all.
     */
    public static void batch(String source, String batchField, long batchSize, String segmentField,
                             long segmentSamples, long minSegment, int sampleRate) {
        count(source, batchField, batchSize, 1, MAX_BATCH_SIZE);
        count(source, segmentField, segmentSamples, minSegment,
                Math.max(minSegment, (long) (MAX_SEGMENT_SECONDS * sampleRate)));
        if (batchSize * segmentSamples > MAX_BATCH_SAMPLES) {
            throw VoxtokException.userInput("config " + source + ": fields \"" + batchField + "\" x \"" + segmentField
                    + "\" = " + batchSize + " x " + segmentSamples + " samples per batch, more than the "
                    + MAX_BATCH_SAMPLES + " accepted");
        }
    }

    private static String plain(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
