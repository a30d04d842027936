package io.voxtok.spark.parquet;

import java.util.Map;

/**
 * One tokenized utterance, one row of a token shard.
 *
 * @param id           utterance id
 * @param path         the audio file the codes came from
 * @param tokenizer    the tokenizer name as requested ({@code --tokenizer})
 * @param producer     {@code name:variant} of the producer stamped on the codes
 * @param weightsHash  hex SHA-256 of the weights ({@code none} for weightless tokenizers)
 * @param sampleRate   the tokenizer's sample rate (the audio was resampled to it)
 * @param hopLength    samples per frame
 * @param frameRate    frames per second
 * @param firstLayer   0-based index of the first layer in {@code codes}
 * @param codebookSize codes per layer
 * @param durationSeconds audio duration after resampling
 * @param codes        {@code [layer][frame]}
 * @param metadata     the tokenizer's token metadata (e.g. EnCodec's bandwidth)
 * @param sideInfo     real-valued side information needed to decode (EnCodec 48 kHz scales), usually empty
 */
public record TokenRow(String id, String path, String tokenizer, String producer, String weightsHash, int sampleRate,
                       int hopLength, double frameRate, int firstLayer, int codebookSize, double durationSeconds,
                       int[][] codes, Map<String, String> metadata, Map<String, float[]> sideInfo) {
    /** Number of layers. */
    public int layers() {
        return codes.length;
    }

    /** Number of frames (0 for an empty matrix). */
    public int frames() {
        return codes.length == 0 ? 0 : codes[0].length;
    }
}
