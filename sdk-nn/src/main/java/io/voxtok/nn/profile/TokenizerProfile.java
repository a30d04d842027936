package io.voxtok.nn.profile;

import java.util.List;

/**
 * Per-block profile of one encode and one decode of a codec: every block timed on its own in the same pass, and
 * the whole pass timed too, so {@code total - sum(blocks)} is what no block accounts for (JNI transfers, manager
 * bookkeeping, Java-side conversions).
 *
 * @param audioSeconds length of the profiled audio
 * @param codebooks    RVQ codebooks used
 * @param encode       encode blocks in order: input transfer, encoder layers, RVQ, codes transfer
 * @param decode       decode blocks in order: codes transfer, RVQ look-up, decoder layers, audio transfer
 * @param encodeTotal  every timed encode pass, wall seconds
 * @param decodeTotal  every timed decode pass, wall seconds
 * @param encodeCpu    process CPU seconds of every timed encode pass
 * @param decodeCpu    process CPU seconds of every timed decode pass
 */
public record TokenizerProfile(double audioSeconds, int codebooks, List<BlockTiming> encode, List<BlockTiming> decode,
                               List<Double> encodeTotal, List<Double> decodeTotal, List<Double> encodeCpu,
                               List<Double> decodeCpu) {
    /** Copies the lists. */
    public TokenizerProfile {
        encode = List.copyOf(encode);
        decode = List.copyOf(decode);
        encodeTotal = List.copyOf(encodeTotal);
        decodeTotal = List.copyOf(decodeTotal);
        encodeCpu = List.copyOf(encodeCpu);
        decodeCpu = List.copyOf(decodeCpu);
    }
}
