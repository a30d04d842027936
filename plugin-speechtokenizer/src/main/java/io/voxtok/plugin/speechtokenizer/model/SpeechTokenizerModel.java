package io.voxtok.plugin.speechtokenizer.model;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import io.voxtok.api.ErrorKind;
import io.voxtok.api.VoxtokException;
import io.voxtok.api.bench.ProgressListener;
import io.voxtok.modelio.StateDict;
import io.voxtok.nn.FiniteValues;
import io.voxtok.nn.NdArrays;
import io.voxtok.nn.ParameterLoader;
import io.voxtok.nn.profile.CodecProfiler;
import io.voxtok.nn.profile.TokenizerProfile;
import io.voxtok.nn.backend.PyTorchBackend;
import io.voxtok.nn.quantization.ResidualVectorQuantizer;
import io.voxtok.nn.seanet.SeanetDecoder;
import io.voxtok.nn.seanet.SeanetEncoder;
import io.voxtok.plugin.speechtokenizer.config.SpeechTokenizerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * SpeechTokenizer (ZhangXInFD/SpeechTokenizer 1.0.0) on DJL's PyTorch engine: SEANet encoder, residual VQ
 * and SEANet decoder with the official inference semantics (SPEC 2.2-2.6).
 *
 * <p>The model owns one root {@link NDManager} on its device that holds the weights of a
 * {@link SpeechTokenizerNetwork} frozen for inference (weight norm folded once at load). Every call works in its own child manager and returns plain Java arrays, and no weight is ever
 * modified, so one instance serves concurrent {@code encode}/{@code decode} calls from several threads.
 * {@link #close()} frees the weights; it must not race with running calls.
 *
 * <p>Waveforms are mono float samples at {@link #sampleRate()} (the official input is {@code int16 / 32768}).
 * Frames per item are {@code ceil(L / hop)}; {@link #decode} returns {@code frames * hop} samples and never
 * trims.
 */
public final class SpeechTokenizerModel implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SpeechTokenizerModel.class);
    /** Stage names of the numerical-health checks ({@link FiniteValues}). */
    private static final String LATENTS = "SpeechTokenizer encoder output (latents)";
    private static final String DECODED = "SpeechTokenizer decoder output (audio)";
    private static final String NAME = "SpeechTokenizer";

    private final SpeechTokenizerConfig config;
    private final NDManager weights;
    private final SpeechTokenizerNetwork network;
    private final SeanetEncoder encoder;
    private final SeanetDecoder decoder;
    private final ResidualVectorQuantizer quantizer;
    private final String checkpointSha256;

    private SpeechTokenizerModel(SpeechTokenizerConfig config, NDManager weights, ParameterLoader loader,
                                 String checkpointSha256) {
        this.config = config;
        this.weights = weights;
        this.network = new SpeechTokenizerNetwork(config, loader, false);
        loader.finish();
        network.freezeForInference();
        this.encoder = network.encoder();
        this.decoder = network.decoder();
        this.quantizer = network.quantizer();
        this.checkpointSha256 = checkpointSha256;
    }

    /**
     * Loads {@code config.json} and the single checkpoint ({@code *.pt}, {@code *.pth} or
     * {@code *.safetensors}) of a model directory.
     *
     * @throws VoxtokException if the directory lacks either file, holds several checkpoints, or they do not
     *                         match
     */
    public static SpeechTokenizerModel load(Path directory, Device device) {
        Path config = directory.resolve("config.json");
        if (!Files.isRegularFile(config)) {
            throw VoxtokException.userInput("model directory " + directory + " has no config.json");
        }
        List<Path> checkpoints;
        try (Stream<Path> files = Files.list(directory)) {
            checkpoints = files.filter(Files::isRegularFile).filter(p -> {
                String n = p.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
                return n.endsWith(".pt") || n.endsWith(".pth") || n.endsWith(".safetensors");
            }).sorted().toList();
        } catch (IOException e) {
            throw VoxtokException.userInput("cannot list model directory " + directory + ": " + e.getMessage());
        }
        if (checkpoints.size() == 2 && sameStem(checkpoints.get(0), checkpoints.get(1))) {
            // an export holds the same weights twice (X.pt for the official code, X.safetensors): read the latter
            checkpoints = checkpoints.stream().filter(p -> p.getFileName().toString().endsWith(".safetensors"))
                    .toList();
        }
        if (checkpoints.size() != 1) {
            throw VoxtokException.userInput("model directory " + directory + " must hold exactly one checkpoint"
                    + " (*.pt, *.pth or *.safetensors), found " + checkpoints.size()
                    + (checkpoints.isEmpty() ? "" : ": " + checkpoints) + "; pass the files explicitly");
        }
        return load(config, checkpoints.get(0), device);
    }

    private static boolean sameStem(Path a, Path b) {
        String x = a.getFileName().toString();
        String y = b.getFileName().toString();
        String sx = x.substring(0, x.lastIndexOf('.'));
        String sy = y.substring(0, y.lastIndexOf('.'));
        boolean oneSafetensors = x.endsWith(".safetensors") ^ y.endsWith(".safetensors");
        return sx.equals(sy) && oneSafetensors;
    }

    /** Loads an explicit {@code config.json} and checkpoint (torch zip {@code .pt} or safetensors). */
    public static SpeechTokenizerModel load(Path configFile, Path checkpoint, Device device) {
        SpeechTokenizerConfig config = SpeechTokenizerConfig.read(configFile);
        return fromStateDict(config, StateDict.read(checkpoint), device);
    }

    /**
     * Builds the model from an already read state dict (official key names, SPEC 2.3; weight norm as
     * {@code weight_g}/{@code weight_v} or already folded {@code weight}; the codebooks' training buffers are
     * ignored).
     *
     * @throws VoxtokException naming every missing, mis-shaped or unexpected key
     */
    public static SpeechTokenizerModel fromStateDict(SpeechTokenizerConfig config, StateDict stateDict,
                                                     Device device) {
        NDManager weights = PyTorchBackend.newManager(device);
        try {
            SpeechTokenizerModel model = new SpeechTokenizerModel(config, weights,
                    new ParameterLoader(stateDict, weights, NAME),
                    stateDict.source() != null && Files.isRegularFile(stateDict.source()) ? stateDict.sha256() : null);
            LOG.debug("loaded {} from {} on {}", NAME, stateDict.source(), device);
            return model;
        } catch (RuntimeException e) {
            weights.close();
            throw e;
        }
    }

    /** {@link #randomInit(SpeechTokenizerConfig, long, Device)} on the CPU. */
    public static SpeechTokenizerModel randomInit(SpeechTokenizerConfig config, long seed) {
        return randomInit(config, seed, Device.cpu());
    }

    /**
     * A model with random weights, for benchmarks: convolution, LSTM and linear weights uniform in
     * {@code +-1/sqrt(fan_in)} (PyTorch's default bound), biases uniform in {@code +-0.01}, Snake
     * {@code alpha = 1}, codebooks {@code N(0, 1)}. Deterministic for a seed.
     */
    public static SpeechTokenizerModel randomInit(SpeechTokenizerConfig config, long seed, Device device) {
        NDManager weights = PyTorchBackend.newManager(device);
        try {
            return new SpeechTokenizerModel(config, weights,
                    ParameterLoader.initializing(weights, NAME, (key, shape) -> randomValues(seed, key, shape)),
                    null);
        } catch (RuntimeException e) {
            weights.close();
            throw e;
        }
    }

    private static float[] randomValues(long seed, String key, long[] shape) {
        int n = 1;
        for (long d : shape) {
            n = Math.multiplyExact(n, Math.toIntExact(d));
        }
        float[] v = new float[n];
        SplittableRandom rnd = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + key.hashCode());
        if (key.endsWith("alpha")) {
            java.util.Arrays.fill(v, 1f);
        } else if (key.endsWith("._codebook.embed")) {
            for (int i = 0; i < n; i++) {
                v[i] = (float) nextGaussian(rnd);
            }
        } else {
            double bound = 0.01;
            if (shape.length >= 2) {
                long fanIn = shape[1];
                for (int i = 2; i < shape.length; i++) {
                    fanIn *= shape[i];
                }
                bound = 1 / Math.sqrt(fanIn);
            }
            for (int i = 0; i < n; i++) {
                v[i] = (float) ((rnd.nextDouble() * 2 - 1) * bound);
            }
        }
        return v;
    }

    private static double nextGaussian(SplittableRandom rnd) {
        // Box-Muller; SplittableRandom has no nextGaussian in Java 17
        double u = 1 - rnd.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rnd.nextDouble());
    }

    /** The configuration. */
    public SpeechTokenizerConfig config() {
        return config;
    }

    /** Input sample rate in Hz (16 000 for the released models). */
    public int sampleRate() {
        return config.sampleRate();
    }

    /** Samples per frame (320). */
    public int hopLength() {
        return config.hopLength();
    }

    /** Number of RVQ codebooks ({@code n_q}). */
    public int numQuantizers() {
        return config.nQ();
    }

    /** Codes per codebook. */
    public int codebookSize() {
        return config.codebookSize();
    }

    /** Frames for a waveform of {@code samples} samples: {@code ceil(samples / hop)}. */
    public int framesFor(int samples) {
        return (samples + hopLength() - 1) / hopLength();
    }

    /** SHA-256 of the checkpoint file, or {@code null} for random weights or an in-memory state dict. */
    public String checkpointSha256() {
        return checkpointSha256;
    }

    /**
     * Encodes each waveform as if alone ({@link BatchMode#PER_ITEM}).
     *
     * @see #encode(float[][], int, int, BatchMode)
     */
    public EncodedBatch encode(float[][] waveforms, int st, int nq) {
        return encode(waveforms, st, nq, BatchMode.PER_ITEM);
    }

    /**
     * Encodes waveforms to RVQ codes, as the official {@code encode(x, n_q=nq, st=st)}: codebooks
     * {@code st .. nq-1} applied to the <em>raw</em> encoder output (codebooks below {@code st} are not
     * subtracted first).
     *
     * @param waveforms mono waveforms, each at least one sample
     * @param st        first codebook, {@code 0 <= st < nq}
     * @param nq        one past the last codebook, {@code <= numQuantizers()}
     * @param mode      how items of different lengths are batched
     * @return codes {@code [nq - st][item][frame]}
     */
    public EncodedBatch encode(float[][] waveforms, int st, int nq, BatchMode mode) {
        checkWaveforms(waveforms);
        checkLayerRange(st, nq);
        try (NDManager m = weights.newSubManager()) {
            List<NDArray> latents = encodeLatents(m, waveforms, mode);
            int[][][] codes = new int[nq - st][waveforms.length][];
            if (mode == BatchMode.PADDED) {
                fillCodes(codes, quantizer.encode(latents.get(0), st, nq), 0);
            } else {
                // the RVQ is position-wise: run all items' frames as one sequence
                int[] frames = latents.stream().mapToInt(a -> NdArrays.dim(a, 2)).toArray();
                try (NDArray joined = NDArrays.concat(new NDList(latents), 2);
                     NDArray all = quantizer.encode(joined, st, nq)) {
                    int offset = 0;
                    for (int b = 0; b < frames.length; b++) {
                        try (NDArray part = all.get(new NDIndex(":, :, {}:{}", offset, offset + frames[b]))) {
                            fillCodes(codes, part, b);
                        }
                        offset += frames[b];
                    }
                }
            }
            return new EncodedBatch(st, codes, validFrames(waveforms));
        }
    }

    /**
     * The SEANet encoder output (the latent before quantisation).
     *
     * @return {@code [item][dimension][frame]}
     */
    public float[][][] encoderOutput(float[][] waveforms, BatchMode mode) {
        checkWaveforms(waveforms);
        try (NDManager m = weights.newSubManager()) {
            List<NDArray> latents = encodeLatents(m, waveforms, mode);
            float[][][] out = new float[waveforms.length][][];
            for (int b = 0; b < waveforms.length; b++) {
                NDArray item = mode == BatchMode.PADDED ? latents.get(0).get(b) : latents.get(b).get(0);
                out[b] = toMatrix(item);
            }
            return out;
        }
    }

    /**
     * Decodes codes to waveforms, as the official {@code decode(codes, st)}: the decoder applied to the sum of
     * {@code embed_{st+i}[codes[i]]}. Items may have different frame counts; each is decoded as if alone.
     *
     * @param codes {@code [layer][item][frame]} for codebooks {@code st .. st + layers - 1}
     * @param st    codebook of {@code codes[0]}
     * @return {@code [item][frames * hop]} samples (not trimmed)
     */
    public float[][] decode(int[][][] codes, int st) {
        int[] frames = checkCodes(codes, st);
        int items = frames.length;
        try (NDManager m = weights.newSubManager()) {
            List<NDArray> latents = new ArrayList<>(items);
            for (int b = 0; b < items; b++) {
                long[] flat = new long[codes.length * frames[b]];
                for (int k = 0; k < codes.length; k++) {
                    for (int t = 0; t < frames[b]; t++) {
                        flat[k * frames[b] + t] = codes[k][b][t];
                    }
                }
                try (NDArray c = m.create(flat, new Shape(codes.length, 1, frames[b]))) {
                    latents.add(quantizer.decode(c, st));
                }
            }
            List<NDArray> audio;
            if (java.util.Arrays.stream(frames).allMatch(f -> f == frames[0])) {
                try (NDArray batch = NDArrays.concat(new NDList(latents), 0);
                     NDArray y = decoder.forward(batch)) {
                    float[][] out = new float[items][];
                    for (int b = 0; b < items; b++) {
                        out[b] = y.get(b).toFloatArray();
                        FiniteValues.require(out[b], DECODED);
                    }
                    return out;
                }
            }
            audio = decoder.forwardItems(latents);
            float[][] out = new float[items][];
            for (int b = 0; b < items; b++) {
                out[b] = audio.get(b).toFloatArray();
                FiniteValues.require(out[b], DECODED);
            }
            return out;
        }
    }

    /**
     * Quantized vectors of the requested RVQ layers, as the official {@code forward_feature(x, layers)} in
     * eval mode (the quantizer starts at codebook 0; layer {@code i}'s vector is the code vector chosen for the
     * residual left by layers {@code 0..i-1}).
     *
     * @param layers codebook indices, each in {@code [0, numQuantizers())}
     * @return {@code [requested layer][item][dimension][frame]}
     */
    public float[][][][] forwardFeature(float[][] waveforms, int[] layers, BatchMode mode) {
        checkWaveforms(waveforms);
        int end = 0;
        for (int l : layers) {
            if (l < 0 || l >= config.nQ()) {
                throw VoxtokException.userInput("RVQ layer " + l + " outside [0, " + config.nQ() + ")");
            }
            end = Math.max(end, l + 1);
        }
        if (layers.length == 0) {
            throw VoxtokException.userInput("no RVQ layer requested");
        }
        try (NDManager m = weights.newSubManager()) {
            List<NDArray> latents = encodeLatents(m, waveforms, mode);
            float[][][][] out = new float[layers.length][waveforms.length][][];
            for (int g = 0; g < latents.size(); g++) {
                ResidualVectorQuantizer.Quantized q = quantizer.quantize(latents.get(g), 0, end);
                for (int i = 0; i < layers.length; i++) {
                    NDArray vectors = q.quantized().get(layers[i]);
                    if (mode == BatchMode.PADDED) {
                        for (int b = 0; b < waveforms.length; b++) {
                            out[i][b] = toMatrix(vectors.get(b));
                        }
                    } else {
                        out[i][g] = toMatrix(vectors.get(0));
                    }
                }
            }
            return out;
        }
    }

    /**
     * The distillation feature of the official {@code forward}: {@code transform} applied to the RVQ layer-0
     * quantized vectors, {@code (frames, semantic_dimension)} per item.
     *
     * @return {@code [item][frame][semantic_dimension]}
     */
    public float[][][] semanticFeature(float[][] waveforms, BatchMode mode) {
        checkWaveforms(waveforms);
        try (NDManager m = weights.newSubManager()) {
            List<NDArray> latents = encodeLatents(m, waveforms, mode);
            float[][][] out = new float[waveforms.length][][];
            for (int g = 0; g < latents.size(); g++) {
                ResidualVectorQuantizer.Quantized q = quantizer.quantize(latents.get(g), 0, 1);
                try (NDArray btd = q.quantized().get(0).transpose(0, 2, 1);
                     NDArray feature = transform(btd)) {
                    if (mode == BatchMode.PADDED) {
                        for (int b = 0; b < waveforms.length; b++) {
                            out[b] = toMatrix(feature.get(b));
                        }
                    } else {
                        out[g] = toMatrix(feature.get(0));
                    }
                }
            }
            return out;
        }
    }

    /**
     * Encodes one long waveform window by window in bounded memory (see {@link ChunkingOptions}); a waveform
     * that fits in one window is encoded exactly as by {@link #encode(float[][], int, int)}.
     *
     * @return codes of one item, {@code [nq - st][1][ceil(L / hop)]}
     */
    public EncodedBatch encodeChunked(float[] waveform, int st, int nq, ChunkingOptions options) {
        checkWaveforms(new float[][] {waveform});
        return encodeChunked(java.nio.FloatBuffer.wrap(waveform), st, nq, options);
    }

    /**
     * Like {@link #encodeChunked(float[], int, int, ChunkingOptions)} on a read-only view, so an hour of audio is
     * never copied whole: only one window at a time is copied out. The caller has checked the samples are finite.
     */
    public EncodedBatch encodeChunked(java.nio.FloatBuffer waveform, int st, int nq, ChunkingOptions options) {
        return encodeChunked(waveform, st, nq, options, ProgressListener.none());
    }

    /**
     * Like {@link #encodeChunked(java.nio.FloatBuffer, int, int, ChunkingOptions)}, reporting
     * {@code onProgress(windowsDone, windows)} after each batch of windows (once, {@code (1, 1)}, when the waveform
     * fits in one window), so a caller can show progress inside one long file.
     */
    public EncodedBatch encodeChunked(java.nio.FloatBuffer waveform, int st, int nq, ChunkingOptions options,
                                      ProgressListener progress) {
        if (waveform.remaining() == 0) {
            throw VoxtokException.userInput("empty waveform");
        }
        checkLayerRange(st, nq);
        int hop = hopLength();
        int totalFrames = framesFor(waveform.remaining());
        int window = Math.max(1, (int) Math.round(options.windowSeconds() * sampleRate() / hop));
        int context = (int) Math.round(options.contextSeconds() * sampleRate() / hop);
        int centre = window - 2 * context;
        if (centre < 1) {
            throw new IllegalArgumentException("window of " + window + " frames leaves no centre with " + context
                    + " context frames");
        }
        if (totalFrames <= window) {
            float[] all = new float[waveform.remaining()];
            waveform.duplicate().get(all);
            EncodedBatch whole = encode(new float[][] {all}, st, nq);
            progress.onProgress(1, 1);
            return whole;
        }
        int[][][] codes = new int[nq - st][1][totalFrames];
        long windows = (totalFrames + centre - 1) / centre;
        long done = 0;
        List<int[]> pending = new ArrayList<>(); // {centreStart, centreEnd, windowStart, windowEnd} in frames
        for (int c = 0; c < totalFrames; c += centre) {
            int cEnd = Math.min(totalFrames, c + centre);
            pending.add(new int[] {c, cEnd, Math.max(0, c - context), Math.min(totalFrames, cEnd + context)});
            if (pending.size() == options.windowsPerBatch() || cEnd == totalFrames) {
                encodeWindows(waveform, st, nq, pending, codes);
                done += pending.size();
                pending.clear();
                progress.onProgress(done, windows);
            }
        }
        return new EncodedBatch(st, codes, new int[] {totalFrames});
    }

    private void encodeWindows(java.nio.FloatBuffer waveform, int st, int nq, List<int[]> windows, int[][][] codes) {
        int hop = hopLength();
        int base = waveform.position();
        float[][] pieces = new float[windows.size()][];
        for (int i = 0; i < pieces.length; i++) {
            int[] w = windows.get(i);
            int from = w[2] * hop;
            int to = Math.min(waveform.remaining(), w[3] * hop);
            pieces[i] = new float[to - from];
            waveform.get(base + from, pieces[i]);
        }
        EncodedBatch part = encode(pieces, st, nq, BatchMode.PER_ITEM);
        for (int i = 0; i < pieces.length; i++) {
            int[] w = windows.get(i);
            for (int k = 0; k < nq - st; k++) {
                System.arraycopy(part.codes()[k][i], w[0] - w[2], codes[k][0], w[0], w[1] - w[0]);
            }
        }
    }

    /** A profiler over this model's blocks: encoder layers, RVQ, decoder layers ({@code voxtok bench speed --profile}). */
    public CodecProfiler profiler() {
        return new CodecProfiler(encoder.model(), quantizer, decoder.model(), hopLength(), sampleRate());
    }

    /**
     * Profiles encoding one waveform with the first {@code codebooks} codebooks and decoding its codes, block by
     * block (see {@link CodecProfiler#profile}).
     */
    public TokenizerProfile profile(float[] waveform, int codebooks, int warmups, int runs) {
        checkWaveforms(new float[][] {waveform});
        checkLayerRange(0, codebooks);
        try (NDManager m = weights.newSubManager()) {
            return profiler().profile(m, new float[][] {waveform}, codebooks, warmups, runs);
        }
    }

    /** Frees the weights. Calls still running on other threads must have finished. */
    @Override
    public void close() {
        weights.close();
    }

    private List<NDArray> encodeLatents(NDManager m, float[][] waveforms, BatchMode mode) {
        if (mode == BatchMode.PADDED || waveforms.length == 1) {
            NDArray x = NdArrays.paddedBatch(m, waveforms);
            NDArray e = encoder.forward(x);
            x.close();
            FiniteValues.require(e, LATENTS);
            return List.of(e);
        }
        List<NDArray> items = new ArrayList<>(waveforms.length);
        for (float[] w : waveforms) {
            items.add(m.create(w, new Shape(1, 1, w.length)));
        }
        List<NDArray> out = encoder.forwardItems(items);
        items.forEach(NDArray::close);
        for (NDArray e : out) {
            FiniteValues.require(e, LATENTS);
        }
        return out;
    }

    private NDArray transform(NDArray btd) {
        return network.transform(btd, false);
    }

    private static void fillCodes(int[][][] codes, NDArray kbt, int firstItem) {
        long[] s = kbt.getShape().getShape();
        long[] v = kbt.toLongArray();
        int layers = (int) s[0];
        int batch = (int) s[1];
        int frames = (int) s[2];
        for (int k = 0; k < layers; k++) {
            for (int b = 0; b < batch; b++) {
                int[] row = new int[frames];
                int base = (k * batch + b) * frames;
                for (int t = 0; t < frames; t++) {
                    row[t] = (int) v[base + t];
                }
                codes[k][firstItem + b] = row;
            }
        }
    }

    private static float[][] toMatrix(NDArray rowsByCols) {
        long[] s = rowsByCols.getShape().getShape();
        float[] v = rowsByCols.toFloatArray();
        float[][] out = new float[(int) s[0]][(int) s[1]];
        for (int r = 0; r < out.length; r++) {
            System.arraycopy(v, r * out[r].length, out[r], 0, out[r].length);
        }
        return out;
    }

    private int[] validFrames(float[][] waveforms) {
        int[] f = new int[waveforms.length];
        for (int b = 0; b < f.length; b++) {
            f[b] = framesFor(waveforms[b].length);
        }
        return f;
    }

    private static void checkWaveforms(float[][] waveforms) {
        if (waveforms == null || waveforms.length == 0) {
            throw VoxtokException.userInput("no waveform to encode");
        }
        for (int b = 0; b < waveforms.length; b++) {
            if (waveforms[b] == null || waveforms[b].length == 0) {
                throw VoxtokException.userInput("waveform " + b + " is empty");
            }
        }
    }

    private void checkLayerRange(int st, int nq) {
        if (st < 0 || nq > config.nQ() || st >= nq) {
            throw VoxtokException.userInput("codebook range st=" + st + ", n_q=" + nq + " is empty or outside [0, "
                    + config.nQ() + "]");
        }
    }

    /** Validates codes and returns each item's frame count. */
    private int[] checkCodes(int[][][] codes, int st) {
        if (codes == null || codes.length == 0 || codes[0].length == 0) {
            throw VoxtokException.userInput("no codes to decode");
        }
        if (st < 0 || st + codes.length > config.nQ()) {
            throw VoxtokException.userInput(codes.length + " code layers starting at codebook " + st
                    + " exceed the model's " + config.nQ() + " codebooks");
        }
        int items = codes[0].length;
        int[] frames = new int[items];
        for (int k = 0; k < codes.length; k++) {
            if (codes[k].length != items) {
                throw VoxtokException.userInput("code layer " + k + " has " + codes[k].length + " items, layer 0 has "
                        + items);
            }
            for (int b = 0; b < items; b++) {
                int[] row = codes[k][b];
                if (k == 0) {
                    frames[b] = row.length;
                    if (row.length == 0) {
                        throw VoxtokException.userInput("item " + b + " has no frames");
                    }
                } else if (row.length != frames[b]) {
                    throw VoxtokException.userInput("item " + b + ": layer " + k + " has " + row.length
                            + " frames, layer 0 has " + frames[b]);
                }
                for (int t = 0; t < row.length; t++) {
                    if (row[t] < 0 || row[t] >= config.codebookSize()) {
                        throw new VoxtokException(ErrorKind.USER_INPUT, "code " + row[t] + " at layer " + k + ", item "
                                + b + ", frame " + t + " outside [0, " + config.codebookSize() + ")");
                    }
                }
            }
        }
        return frames;
    }
}
