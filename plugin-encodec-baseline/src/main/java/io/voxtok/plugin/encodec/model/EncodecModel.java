package io.voxtok.plugin.encodec.model;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.voxtok.api.bench.ProgressListener;
import io.voxtok.modelio.StateDict;
import io.voxtok.nn.FiniteValues;
import io.voxtok.nn.backend.PyTorchBackend;
import io.voxtok.nn.profile.CodecProfiler;
import io.voxtok.nn.profile.TokenizerProfile;
import io.voxtok.nn.quantization.Codebook;
import io.voxtok.nn.quantization.ResidualVectorQuantizer;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * An EnCodec model (24 kHz or 48 kHz) for inference, reproducing the official {@code EncodecModel}
 * (facebookresearch/encodec 0.1.2, SPEC 4): SEANet encoder, residual vector quantiser, SEANet decoder, and for
 * segmented models the 1 s segments with overlap, the per-segment loudness scale and the linear overlap-add
 * (SPEC 4.4).
 *
 * <p>Audio is planar {@code [channel][sample]} float32. Weights are immutable after loading and every call works
 * in its own child {@link NDManager}, so one instance serves many threads. Close it to free the weights.
 */
public final class EncodecModel implements AutoCloseable {
    /** Stage names of the numerical-health checks ({@link FiniteValues}). */
    private static final String LATENTS = "EnCodec encoder output (latents)";
    private static final String DECODED = "EnCodec decoder output (audio)";

    private final EncodecConfig config;
    private final NDManager weights;
    private final SeanetStack encoder;
    private final SeanetStack decoder;
    private final ResidualVectorQuantizer quantizer;
    private final String weightsId;
    private final AtomicBoolean closed = new AtomicBoolean();

    private EncodecModel(EncodecConfig config, NDManager weights, SeanetStack encoder, SeanetStack decoder,
                         ResidualVectorQuantizer quantizer, String weightsId) {
        this.config = config;
        this.weights = weights;
        this.encoder = encoder;
        this.decoder = decoder;
        this.quantizer = quantizer;
        this.weightsId = weightsId;
    }

    /**
     * Loads a model directory ({@code config.json} + weights) or weights file (see {@link EncodecModelFiles}), in
     * the official or the Hugging Face key layout.
     */
    public static EncodecModel load(Path path, Device device) {
        EncodecModelFiles files = EncodecModelFiles.resolve(path);
        return load(files.weights(), files.config(), device);
    }

    /** Loads a weights file (official or Hugging Face layout) with the given configuration. */
    public static EncodecModel load(Path weightsFile, EncodecConfig config, Device device) {
        StateDict dict = StateDict.read(weightsFile);
        if (HfKeyMapping.isHuggingFace(dict)) {
            dict = HfKeyMapping.toOfficial(dict, config);
        }
        StateDict checkpoint = dict;
        return build(config, device, m -> new CheckpointWeights(checkpoint, m), checkpoint.sha256());
    }

    /** A model with seeded random weights of the configuration's size (speed measurements only). */
    public static EncodecModel random(EncodecConfig config, long seed, Device device) {
        return build(config, device, m -> new RandomWeights(m, seed), "random-" + seed);
    }

    private static EncodecModel build(EncodecConfig config, Device device,
                                      java.util.function.Function<NDManager, WeightSource> source, String id) {
        NDManager manager = PyTorchBackend.newManager(device);
        try {
            WeightSource w = source.apply(manager);
            EncodecSeanetBuilder builder = new EncodecSeanetBuilder(config, w);
            SeanetStack enc = builder.encoder("encoder.model.");
            SeanetStack dec = builder.decoder("decoder.model.");
            List<Codebook> books = new ArrayList<>();
            for (int i = 0; i < config.numQuantizers(); i++) {
                String p = "quantizer.vq.layers." + i + "._codebook.";
                books.add(new Codebook(w.tensor(p + "embed", config.bins(), config.dimension())));
                w.ignore(p + "inited", p + "cluster_size", p + "embed_avg");
            }
            w.finish();
            ResidualVectorQuantizer rvq = new ResidualVectorQuantizer(books);
            // inference only: codebooks keep 2E^T and |e|^2, downsampling convolutions their polyphase weights
            enc.model().freezeForInference();
            dec.model().freezeForInference();
            rvq.freezeForInference();
            return new EncodecModel(config, manager, enc, dec, rvq, id);
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    /** The configuration. */
    public EncodecConfig config() {
        return config;
    }

    /** Hex SHA-256 of the weights file, or {@code random-<seed>}. */
    public String weightsId() {
        return weightsId;
    }

    /** The device the weights live on. */
    public Device device() {
        return weights.getDevice();
    }

    /** The SEANet encoder. */
    public SeanetStack encoder() {
        return encoder;
    }

    /** The SEANet decoder. */
    public SeanetStack decoder() {
        return decoder;
    }

    /** The quantizer. */
    public ResidualVectorQuantizer quantizer() {
        return quantizer;
    }

    /** A profiler over this model's blocks: encoder layers, RVQ, decoder layers ({@code voxtok bench speed --profile}). */
    public CodecProfiler profiler() {
        return new CodecProfiler(encoder.model(), quantizer, decoder.model(), config.hopLength(), config.sampleRate());
    }

    /**
     * Profiles encoding one unsegmented, unnormalised signal with codebooks {@code [0, codebooks)} and decoding its
     * codes, block by block (see {@link CodecProfiler#profile}).
     *
     * @param audio {@code [L]} mono samples
     */
    public TokenizerProfile profile(float[] audio, int codebooks, int warmups, int runs) {
        requireWholeSignal();
        try (NDManager m = weights.newSubManager()) {
            return profiler().profile(m, new float[][] {audio}, codebooks, warmups, runs);
        }
    }

    /**
     * The raw encoder output {@code model.encoder(x)} of one unsegmented, unnormalised signal.
     *
     * @param audio {@code [channels][L]}
     * @return {@code [dimension][ceil(L / hop)]}
     */
    public float[][] encoderOutput(float[][] audio) {
        try (NDManager m = weights.newSubManager();
             NDArray x = input(m, audio);
             NDArray z = encoder.model().forward(x)) {
            return rows(z.toFloatArray(), config.dimension());
        }
    }

    /**
     * The official {@code encode(x)} after {@code set_target_bandwidth}: one {@link EncodedFrame} per segment
     * (one for an unsegmented model), codes of the first {@code numCodebooks} codebooks.
     *
     * @param audio        {@code [channels][L]}, {@code L >= 1}
     * @param numCodebooks codebooks to use ({@link EncodecConfig#codebooksFor})
     */
    public List<EncodedFrame> encode(float[][] audio, int numCodebooks) {
        return encode(audio, 0, numCodebooks);
    }

    /**
     * Like {@link #encode(float[][], int)} with codebooks {@code [st, end)} (the official
     * {@code quantizer.encode(emb, st=st)} residual from codebook {@code st} on, which the tokenizers' layer
     * ranges follow).
     */
    public List<EncodedFrame> encode(float[][] audio, int st, int end) {
        return encode(audio, st, end, ProgressListener.none());
    }

    /**
     * Like {@link #encode(float[][], int, int)}, reporting {@code onProgress(segmentsDone, segments)} after each
     * segment (once for an unsegmented model), so a caller can show progress inside one long input.
     */
    public List<EncodedFrame> encode(float[][] audio, int st, int end, ProgressListener progress) {
        int length = audio[0].length;
        List<EncodedFrame> frames = new ArrayList<>();
        int segment = config.segmented() ? config.segmentLength() : length;
        int stride = config.segmented() ? config.segmentStride() : Math.max(1, length);
        long segments = Math.max(1, ((long) length + stride - 1) / stride);
        try (NDManager m = weights.newSubManager(); NDArray x = input(m, audio)) {
            for (int offset = 0; offset < length; offset += stride) {
                try (NDManager s = m.newSubManager();
                     NDArray seg = x.get(new NDIndex("..., {}:{}", offset, Math.min(length, offset + segment)))) {
                    seg.attach(s);
                    frames.add(encodeSegment(seg, st, end));
                }
                progress.onProgress(frames.size(), segments);
            }
        }
        return frames;
    }

    /** {@code _encode_frame}: optional loudness normalisation, encoder, RVQ. */
    private EncodedFrame encodeSegment(NDArray x, int st, int end) {
        Float scale = null;
        NDArray input = x;
        if (config.audioNormalize()) {
            try (NDArray mono = x.mean(new int[] {1}, true);
                 NDArray sq = mono.pow(2);
                 NDArray ms = sq.mean(new int[] {2}, true);
                 NDArray volume = ms.sqrt();
                 NDArray s = volume.add(1e-8f)) {
                scale = s.toFloatArray()[0];
                input = x.div(s);
            }
        }
        try (NDArray z = encoder.model().forward(input)) {
            FiniteValues.require(z, LATENTS);
            try (NDArray codes = quantizer.encode(z, st, end)) {
                return new EncodedFrame(codeRows(codes), scale);
            }
        } finally {
            if (input != x) {
                input.close();
            }
        }
    }

    /**
     * The official {@code decode(frames)}: each segment is decoded (and multiplied by its scale); segments are
     * joined by the linear overlap-add of SPEC 4.4. No trimming: {@code T * hop} samples per segment.
     *
     * @return {@code [channels][samples]}
     */
    public float[][] decode(List<EncodedFrame> frames) {
        return decode(frames, 0);
    }

    /**
     * Like {@link #decode(List)} for codes of codebooks {@code st, st + 1, ...} (the official
     * {@code quantizer.decode(codes, st)}).
     */
    public float[][] decode(List<EncodedFrame> frames, int st) {
        if (frames.isEmpty()) {
            throw new IllegalArgumentException("nothing to decode");
        }
        List<float[][]> decoded = new ArrayList<>();
        try (NDManager m = weights.newSubManager()) {
            for (EncodedFrame f : frames) {
                try (NDManager s = m.newSubManager();
                     NDArray codes = codesArray(s, f.codes());
                     NDArray z = quantizer.decode(codes, st);
                     NDArray y = decoder.model().forward(z)) {
                    NDArray out = f.scale() == null ? y : y.mul(f.scale());
                    float[] samples = out.toFloatArray();
                    FiniteValues.require(samples, DECODED);
                    decoded.add(rows(samples, config.channels()));
                }
            }
            if (frames.size() == 1) {
                return decoded.get(0);
            }
            return LinearOverlapAdd.join(m, decoded, config.segmentStride());
        }
    }

    /**
     * Encodes unsegmented items of different lengths, each exactly as if alone. Items run one after the other:
     * libtorch's LSTM and GEMM kernels round differently for a batch of several items (differences around 1e-7
     * were observed), which could flip a near-tie code, and exact equality with single-item encoding is the
     * contract.
     *
     * @param items {@code [channels][L_i]} each
     * @param st    first codebook
     * @param end   one past the last codebook
     * @return codes {@code [item][codebook][frame]}
     * @throws IllegalStateException for a segmented or normalising model
     */
    public int[][][] encodeItems(List<float[][]> items, int st, int end) {
        requireWholeSignal();
        int[][][] out = new int[items.size()][][];
        try (NDManager m = weights.newSubManager()) {
            List<NDArray> inputs = new ArrayList<>();
            for (float[][] item : items) {
                inputs.add(input(m, item));
            }
            for (int i = 0; i < inputs.size(); i++) {
                try (NDArray latent = encoder.model().forward(inputs.get(i))) {
                    FiniteValues.require(latent, LATENTS);
                    try (NDArray codes = quantizer.encode(latent, st, end)) {
                        out[i] = codeRows(codes);
                    }
                }
            }
        }
        return out;
    }

    /**
     * Decodes unsegmented items of different lengths, each exactly as if alone (one after the other, for the same
     * reason as {@link #encodeItems}).
     *
     * @param codes {@code [item][codebook][frame]}, codebooks {@code st, st + 1, ...}
     * @param st    first codebook
     * @return audio {@code [item][channel][frames * hop]}
     */
    public float[][][] decodeItems(List<int[][]> codes, int st) {
        requireWholeSignal();
        float[][][] out = new float[codes.size()][][];
        try (NDManager m = weights.newSubManager()) {
            List<NDArray> latents = new ArrayList<>();
            for (int[][] c : codes) {
                try (NDArray ca = codesArray(m, c)) {
                    latents.add(quantizer.decode(ca, st));
                }
            }
            for (int i = 0; i < latents.size(); i++) {
                try (NDArray audio = decoder.model().forward(latents.get(i))) {
                    float[] samples = audio.toFloatArray();
                    FiniteValues.require(samples, DECODED);
                    out[i] = rows(samples, config.channels());
                }
            }
        }
        return out;
    }

    /**
     * Opens a streaming encoder (causal unsegmented models only): codes of codebooks {@code [st, end)} for audio
     * pushed in pieces, equal to {@link #encodeItems} of the whole signal.
     */
    public EncodecEncoderStream openEncoderStream(int st, int end) {
        requireWholeSignal();
        if (!config.causal()) {
            throw new IllegalStateException("a non-causal EnCodec model cannot stream");
        }
        return new EncodecEncoderStream(this, weights, st, end);
    }

    /** Frees the weights; idempotent. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            weights.close();
        }
    }

    private void requireWholeSignal() {
        if (config.segmented() || config.audioNormalize()) {
            throw new IllegalStateException(config.name() + " encodes segments with a scale each; use encode/decode");
        }
    }

    private NDArray input(NDManager m, float[][] audio) {
        int c = audio.length;
        int n = audio[0].length;
        float[] flat = new float[c * n];
        for (int ch = 0; ch < c; ch++) {
            System.arraycopy(audio[ch], 0, flat, ch * n, n);
        }
        return m.create(flat, new Shape(1, c, n));
    }

    static NDArray codesArray(NDManager m, int[][] codes) {
        int k = codes.length;
        int t = codes[0].length;
        long[] flat = new long[k * t];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < t; j++) {
                flat[i * t + j] = codes[i][j];
            }
        }
        return m.create(flat, new Shape(k, 1, t));
    }

    /** {@code (K, 1, T)} int64 codes as {@code [K][T]}. */
    static int[][] codeRows(NDArray codes) {
        long[] s = codes.getShape().getShape();
        int k = Math.toIntExact(s[0]);
        int t = Math.toIntExact(s[2]);
        long[] flat = codes.getDataType() == DataType.INT64 ? codes.toLongArray()
                : codes.toType(DataType.INT64, false).toLongArray();
        int[][] out = new int[k][t];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < t; j++) {
                out[i][j] = Math.toIntExact(flat[i * t + j]);
            }
        }
        return out;
    }

    private static float[][] rows(float[] flat, int rows) {
        int n = flat.length / rows;
        float[][] out = new float[rows][n];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(flat, r * n, out[r], 0, n);
        }
        return out;
    }
}
