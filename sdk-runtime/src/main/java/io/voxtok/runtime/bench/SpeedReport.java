package io.voxtok.runtime.bench;

import java.util.List;
import java.util.Map;

/**
 * Result of {@link SpeedBenchmark}. Times in seconds; real-time factor = processing time / audio duration
 * (lower is faster; below 1 is faster than real time).
 *
 * @param tokenizer        tokenizer id and producer
 * @param device           device and threads
 * @param audioSeconds     length of the test audio
 * @param encodeSeconds    every timed encode run
 * @param decodeSeconds    every timed decode run
 * @param encodeMedian     median encode time
 * @param decodeMedian     median decode time
 * @param encodeRtf        encodeMedian / audioSeconds
 * @param decodeRtf        decodeMedian / audioSeconds
 * @param batchSize        items in the batch run
 * @param batchEncodeSeconds wall time of one batched encode (median)
 * @param batchAudioSecondsPerSecond throughput: seconds of audio encoded per wall second in the batch run
 * @param peakRssBytes     peak resident memory of the process (VmHWM), heap and native together; -1 if unknown
 * @param encodeGflopPerAudioSecond model arithmetic for encoding, GFLOP per second of audio; -1 if unknown
 * @param decodeGflopPerAudioSecond same for decoding
 * @param environment      JVM, OS, CPU, engine details
 * @param loadAverageBefore {@code /proc/loadavg} before the first run (other processes compete for the cores)
 * @param loadAverageAfter  {@code /proc/loadavg} after the last measurement
 * @param cpu              the CPU in detail (model, cores, SIMD flags), or {@code null} where unknown
 * @param engine           engine versions, native libraries, threads and, when probed, oneDNN/MKL's own report;
 *                         {@code null} if it could not be collected
 * @param encodeGflopPerSecond achieved rate of the median encode, -1 if the FLOPs are unknown
 * @param decodeGflopPerSecond achieved rate of the median decode, -1 if unknown
 * @param peak             achieved rate next to the engine's rate on the model's primitives, or {@code null} when
 *                         not measured
 * @param profile          per-block profile ({@code --profile}), or {@code null}
 * @param encodeCpuSeconds process CPU time of every timed encode (all threads): on a machine shared with other work
 *                         wall time also counts waiting for a core, CPU time does not (spinning threads count)
 * @param decodeCpuSeconds same for decode
 * @param batchEncodeCpuSeconds process CPU time of the median batched encode, -1 without a batch run: set against
 *                         {@code batchSize} times the single-item encode's CPU time it gives the batch's gain
 *                         independently of how busy the machine was
 */
public record SpeedReport(String tokenizer, String device, double audioSeconds, List<Double> encodeSeconds,
                          List<Double> decodeSeconds, double encodeMedian, double decodeMedian, double encodeRtf,
                          double decodeRtf, int batchSize, double batchEncodeSeconds, double batchAudioSecondsPerSecond,
                          long peakRssBytes, double encodeGflopPerAudioSecond, double decodeGflopPerAudioSecond,
                          Map<String, String> environment, String loadAverageBefore, String loadAverageAfter,
                          CpuInfo cpu, EngineEnvironment engine, double encodeGflopPerSecond,
                          double decodeGflopPerSecond, PeakSummary peak, ProfileReport profile,
                          List<Double> encodeCpuSeconds, List<Double> decodeCpuSeconds, double batchEncodeCpuSeconds) {
}
