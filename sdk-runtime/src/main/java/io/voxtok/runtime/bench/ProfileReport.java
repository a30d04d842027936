package io.voxtok.runtime.bench;

import java.util.List;

/**
 * The per-block profile of one encode and one decode ({@code voxtok bench speed --profile}).
 *
 * @param audioSeconds        profiled audio length
 * @param codebooks           RVQ codebooks used
 * @param runs                timed passes (medians are reported)
 * @param encode              encode blocks in order
 * @param decode              decode blocks in order
 * @param encodeTotalSeconds  median of the whole encode pass
 * @param decodeTotalSeconds  median of the whole decode pass
 * @param encodeUnattributed  pass median minus the sum of block medians (between-block work; can be negative
 *                            within noise)
 * @param decodeUnattributed  same for decode
 * @param encodeCpuSeconds    median process CPU time of the whole encode pass
 * @param decodeCpuSeconds    median process CPU time of the whole decode pass
 */
public record ProfileReport(double audioSeconds, int codebooks, int runs, List<ProfiledBlock> encode,
                            List<ProfiledBlock> decode, double encodeTotalSeconds, double decodeTotalSeconds,
                            double encodeUnattributed, double decodeUnattributed, double encodeCpuSeconds,
                            double decodeCpuSeconds) {
    /** Copies the lists. */
    public ProfileReport {
        encode = List.copyOf(encode);
        decode = List.copyOf(decode);
    }
}
