package io.voxtok.runtime.bench;

import ai.djl.ndarray.NDManager;
import io.voxtok.api.audio.AudioBuffer;
import io.voxtok.api.backend.BackendKind;
import io.voxtok.api.backend.BackendSpec;
import io.voxtok.api.token.ComputeCost;
import io.voxtok.api.token.TokenMatrix;
import io.voxtok.api.token.Tokenizer;
import io.voxtok.api.token.TokenizerSpec;
import io.voxtok.nn.backend.PyTorchBackend;
import io.voxtok.nn.profile.BlockCost;
import io.voxtok.nn.profile.ComputeOp;
import io.voxtok.nn.profile.CpuClock;
import io.voxtok.nn.profile.OpBenchmark;
import io.voxtok.nn.profile.OpTiming;
import io.voxtok.nn.profile.ProfiledTokenizer;
import io.voxtok.nn.profile.TokenizerProfile;
import io.voxtok.runtime.registry.ContextClassLoaderProxy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;

/**
 * Measures encode and decode speed of a tokenizer on synthetic speech-like audio: warm-up runs, then the median
 * of {@code runs} timed runs, plus one batched run. Optionally, for tokenizers that implement {@link
 * ProfiledTokenizer} on the PyTorch CPU engine: the engine's own rate on the model's primitives ({@link EnginePeak}),
 * a per-block profile, and oneDNN/MKL's run-time report ({@link EngineVerboseProbe}). Results go to a {@link
 * SpeedReport}, with the machine load before and after; nothing here asserts a speed.
 */
public final class SpeedBenchmark {
    private final int runs;
    private final int warmups;
    private final int batchSize;
    private final boolean profile;
    private final boolean enginePeak;
    private final boolean engineProbe;

    /**
     * @param runs      timed runs per operation (at least 5 for a stable median)
     * @param warmups   untimed runs first
     * @param batchSize items in the batched encode run (0 to skip)
     */
    public SpeedBenchmark(int runs, int warmups, int batchSize) {
        this(runs, warmups, batchSize, false, false, false);
    }

    private SpeedBenchmark(int runs, int warmups, int batchSize, boolean profile, boolean enginePeak,
                           boolean engineProbe) {
        if (runs < 1 || warmups < 0 || batchSize < 0) {
            throw new IllegalArgumentException("invalid benchmark settings");
        }
        this.runs = runs;
        this.warmups = warmups;
        this.batchSize = batchSize;
        this.profile = profile;
        this.enginePeak = enginePeak;
        this.engineProbe = engineProbe;
    }

    /** A copy that also profiles every block ({@code runs} timed passes after {@code warmups}). */
    public SpeedBenchmark withProfile(boolean on) {
        return new SpeedBenchmark(runs, warmups, batchSize, on, enginePeak, engineProbe);
    }

    /** A copy that also measures the engine's rate on the model's primitives. */
    public SpeedBenchmark withEnginePeak(boolean on) {
        return new SpeedBenchmark(runs, warmups, batchSize, profile, on, engineProbe);
    }

    /** A copy that also asks oneDNN and MKL what they run (a child JVM, after the measurements). */
    public SpeedBenchmark withEngineProbe(boolean on) {
        return new SpeedBenchmark(runs, warmups, batchSize, profile, enginePeak, on);
    }

    /** Runs the benchmark on {@code seconds} of audio. */
    public SpeedReport run(Tokenizer tokenizer, BackendSpec backend, double seconds) {
        String loadBefore = loadAverage();
        TokenizerSpec spec = tokenizer.spec();
        AudioBuffer audio = syntheticSpeech(spec.sampleRate(), spec.channels(), seconds, 1234);
        TokenMatrix codes = null;
        for (int i = 0; i < warmups; i++) {
            codes = tokenizer.encode(audio);
            tokenizer.decode(codes);
        }
        List<Double> enc = new ArrayList<>();
        List<Double> dec = new ArrayList<>();
        List<Double> encCpu = new ArrayList<>();
        List<Double> decCpu = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            long c0 = CpuClock.nanos();
            long t0 = System.nanoTime();
            codes = tokenizer.encode(audio);
            enc.add((System.nanoTime() - t0) / 1e9);
            encCpu.add((CpuClock.nanos() - c0) / 1e9);
        }
        for (int i = 0; i < runs; i++) {
            long c0 = CpuClock.nanos();
            long t0 = System.nanoTime();
            tokenizer.decode(codes);
            dec.add((System.nanoTime() - t0) / 1e9);
            decCpu.add((CpuClock.nanos() - c0) / 1e9);
        }
        double batchTime = -1;
        double batchCpu = -1;
        double throughput = -1;
        if (batchSize > 0) {
            List<AudioBuffer> items = new ArrayList<>();
            for (int i = 0; i < batchSize; i++) {
                items.add(syntheticSpeech(spec.sampleRate(), spec.channels(), seconds, 100 + i));
            }
            tokenizer.encodeBatch(items, io.voxtok.api.token.LayerRange.first(spec.numLayers()));
            List<Double> bt = new ArrayList<>();
            List<Double> bc = new ArrayList<>();
            for (int r = 0; r < Math.min(3, runs); r++) {
                long c0 = CpuClock.nanos();
                long t0 = System.nanoTime();
                tokenizer.encodeBatch(items, io.voxtok.api.token.LayerRange.first(spec.numLayers()));
                bt.add((System.nanoTime() - t0) / 1e9);
                bc.add((CpuClock.nanos() - c0) / 1e9);
            }
            batchTime = median(bt);
            batchCpu = median(bc);
            throughput = batchSize * seconds / batchTime;
        }
        double eg = -1;
        double dg = -1;
        if (tokenizer instanceof ComputeCost c) {
            eg = c.encodeFlopsPerSecond() / 1e9;
            dg = c.decodeFlopsPerSecond() / 1e9;
        }
        double em = median(enc);
        double dm = median(dec);
        EngineEnvironment engine = engineEnvironment(backend);
        PeakSummary peak = null;
        ProfileReport blocks = null;
        Object target = ContextClassLoaderProxy.unwrap(tokenizer);
        boolean cpuTorch = backend.kind() == BackendKind.PYTORCH && !backend.device().gpu();
        if (target instanceof ProfiledTokenizer pt && cpuTorch && (profile || enginePeak || engineProbe)) {
            int samples = audio.frames();
            List<BlockCost> encCosts = inPlugin(target, () -> pt.encodeCosts(samples));
            List<BlockCost> decCosts = inPlugin(target, () -> pt.decodeCosts(samples));
            Map<ComputeOp, OpTiming> timings = Map.of();
            if (enginePeak) {
                List<BlockCost> all = new ArrayList<>(encCosts);
                all.addAll(decCosts);
                try (NDManager m = PyTorchBackend.newManager(ai.djl.Device.cpu())) {
                    timings = new EnginePeak(new OpBenchmark(0.3, 3, 20)).measure(m, all);
                }
                peak = EnginePeak.summarize(encCosts, decCosts, timings, em, dm);
            }
            if (profile) {
                TokenizerProfile p = inPlugin(target, () -> pt.profile(audio, Math.max(1, warmups), runs));
                blocks = EnginePeak.profileReport(p, timings);
            }
            if (engineProbe && engine != null) {
                List<BlockCost> all = new ArrayList<>(encCosts);
                all.addAll(decCosts);
                engine = engine.withVerbose(EngineVerboseProbe.run(backend.intraOpThreads(),
                        EnginePeak.distinctOps(all)));
            }
        }
        return new SpeedReport(tokenizer.id() + " " + tokenizer.producer(), backend.device() + ", "
                + backend.intraOpThreads() + " threads", seconds, enc, dec, em, dm, em / seconds, dm / seconds,
                batchSize, batchTime, throughput, peakRss(), eg, dg, environment(backend), loadBefore, loadAverage(),
                CpuInfo.read().orElse(null), engine, eg > 0 ? eg * seconds / em : -1, dg > 0 ? dg * seconds / dm : -1,
                peak, blocks, encCpu, decCpu, batchCpu);
    }

    /** The engine environment, or {@code null} if it cannot be collected (it never fails a benchmark). */
    private static EngineEnvironment engineEnvironment(BackendSpec backend) {
        try {
            return EngineEnvironment.collect(backend);
        } catch (RuntimeException | LinkageError e) {
            return null;
        }
    }

    /** Runs a call on a plugin object with the plugin's class loader as context loader, as the runtime's proxies do. */
    private static <T> T inPlugin(Object target, Supplier<T> call) {
        Thread t = Thread.currentThread();
        ClassLoader previous = t.getContextClassLoader();
        t.setContextClassLoader(target.getClass().getClassLoader());
        try {
            return call.get();
        } finally {
            t.setContextClassLoader(previous);
        }
    }

    /** {@code /proc/loadavg} as written (1, 5, 15 minute averages, runnable/total tasks, last pid), or empty. */
    public static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    /** Median of a non-empty list. */
    static double median(List<Double> v) {
        List<Double> s = new ArrayList<>(v);
        Collections.sort(s);
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }

    /** Harmonic "voiced" segments with a syllable-rate envelope and a noise floor: speech-like load. */
    public static AudioBuffer syntheticSpeech(int rate, int channels, double seconds, long seed) {
        Random r = new Random(seed);
        int n = (int) Math.round(rate * seconds);
        float[] x = new float[n * channels];
        double f0 = 110 + r.nextInt(100);
        double phase = 0;
        for (int i = 0; i < n; i++) {
            double t = i / (double) rate;
            double f = f0 * (1 + 0.1 * Math.sin(2 * Math.PI * 0.7 * t));
            phase += 2 * Math.PI * f / rate;
            double env = 0.5 + 0.5 * Math.sin(2 * Math.PI * 4 * t);
            double v = 0;
            for (int h = 1; h <= 8; h++) {
                v += Math.sin(h * phase) / h;
            }
            float s = (float) (0.15 * env * v + 0.003 * r.nextGaussian());
            for (int c = 0; c < channels; c++) {
                x[i * channels + c] = s;
            }
        }
        return AudioBuffer.ofInterleaved(x, rate, channels);
    }

    /** Peak resident set size (VmHWM) in bytes from /proc, or -1 where unavailable. */
    public static long peakRss() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    /**
     * The machine and engine a measurement ran on, as benchmark reports record it: JVM, OS, cores, backend and,
     * on Linux, the CPU model.
     */
    public static Map<String, String> environment(BackendSpec backend) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("java", System.getProperty("java.version"));
        m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        m.put("cores", Integer.toString(Runtime.getRuntime().availableProcessors()));
        m.put("backend", backend.kind().toString());
        try {
            Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name")).findFirst()
                    .ifPresent(l -> m.put("cpu", l.substring(l.indexOf(':') + 1).trim()));
        } catch (IOException e) {
            // not on Linux: leave the CPU out
        }
        return m;
    }
}
