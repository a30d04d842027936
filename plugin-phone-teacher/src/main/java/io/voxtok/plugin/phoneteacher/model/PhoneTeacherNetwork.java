package io.voxtok.plugin.phoneteacher.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import io.voxtok.modelio.StateDict;
import io.voxtok.nn.FanInUniformInitializer;
import io.voxtok.nn.ParameterLoader;
import io.voxtok.nn.StateDictBlock;
import io.voxtok.nn.linear.Linear;
import io.voxtok.training.loss.MelSpectrogram;

import java.util.ArrayList;
import java.util.List;

/**
 * The phone-classifier teacher network, one definition for training and serving:
 * <pre>
 *   waveform (B, 1, L) at 16 kHz
 *   -> log-mel (B, n_mels, T), T = floor(L / hop), frame t centred on sample hop * t + hop / 2   (no parameters)
 *   -> per-utterance mean/variance normalisation of each mel band over time                 (no parameters)
 *   -> conv0 .. conv{n-1}: Conv1d(k = 5, "same" zero padding) + ReLU, 256 channels            (hidden states 0..n-1)
 *   -> classifier: Linear(256 -> phones) per frame                                           (logits)
 * </pre>
 * State-dict keys: {@code conv{i}.weight [C, C_in, k]}, {@code conv{i}.bias [C]}, {@code classifier.weight
 * [P, C]}, {@code classifier.bias [P]} (about 0.77 M parameters for 3 blocks of 256 channels, 80 mels and 40
 * phones). The receptive field is {@code 1 + n (k - 1)} frames (13 frames, 260 ms, for the defaults) plus the
 * 25 ms analysis window.
 *
 * <p>Hidden state {@code n} is the output of block {@code n}. For distillation the <b>last block</b>
 * ({@link PhoneTeacherConfig#recommendedLayer()}, 2 by default) is recommended: it is the only layer the
 * classifier reads, so training makes it linearly separable by phone, and it has the widest context; the earlier
 * blocks are closer to the spectrum (speaker and pitch detail that SpeechTokenizer's RVQ-1 should not carry).
 * Thread-safe when not training.
 */
public final class PhoneTeacherNetwork extends StateDictBlock {
    private final PhoneTeacherConfig config;
    private final MelSpectrogram mel;
    private final List<ConvBlock> blocks = new ArrayList<>();
    private final Linear classifier;

    private PhoneTeacherNetwork(PhoneTeacherConfig config, ParameterLoader loader) {
        this.config = config;
        this.mel = new MelSpectrogram(config.sampleRate(), config.nFft(), config.hop(), config.winLength(),
                config.nMels(), 0.0, null);
        int in = config.nMels();
        for (int i = 0; i < config.numLayers(); i++) {
            blocks.add(child("conv" + i, ConvBlock.load(loader, "conv" + i + ".", in, config.channels(),
                    config.kernelSize())));
            in = config.channels();
        }
        this.classifier = child("classifier", Linear.load(loader, "classifier.", config.channels(), config.numPhones()));
    }

    /** A freshly initialised network (PyTorch's default initialisation, drawn from {@code seed}) on {@code manager}. */
    public static PhoneTeacherNetwork initialized(PhoneTeacherConfig config, NDManager manager, long seed) {
        ParameterLoader loader = ParameterLoader.initializing(manager, "phone-teacher",
                new FanInUniformInitializer(seed));
        return new PhoneTeacherNetwork(config, loader);
    }

    /**
     * A network with the weights of {@code dict} on {@code manager}.
     *
     * @throws io.voxtok.api.VoxtokException naming the file and every missing, mis-shaped or unexpected key
     */
    public static PhoneTeacherNetwork load(PhoneTeacherConfig config, StateDict dict, NDManager manager) {
        ParameterLoader loader = new ParameterLoader(dict, manager, "phone-teacher");
        PhoneTeacherNetwork net = new PhoneTeacherNetwork(config, loader);
        loader.finish();
        return net;
    }

    /** The architecture. */
    public PhoneTeacherConfig config() {
        return config;
    }

    /** Number of trainable values. */
    public long parameterCount() {
        long n = 0;
        for (NDArray a : stateDict().values()) {
            n += a.size();
        }
        return n;
    }

    /**
     * Normalised log-mel frames.
     *
     * @param audio {@code (B, 1, L)} with {@code L >= hop}
     * @return {@code (B, n_mels, floor(L / hop))}
     */
    public NDArray frontEnd(NDArray audio) {
        int length = Math.toIntExact(audio.getShape().get(audio.getShape().dimension() - 1));
        int frames = config.frames(length);
        if (frames < 1) {
            throw new IllegalArgumentException("need at least " + config.hop() + " samples, got " + length);
        }
        try (NDArray raw = mel.logMel(audio.stopGradient())) {
            // MelSpectrogram gives floor(L / hop) frames when n_fft - hop is even (checked by the config); the slice
            // only guards the cache convention should that ever change
            NDArray logMel = raw.get(new NDIndex(":, :, :{}", frames));
            try (NDArray mean = logMel.mean(new int[] {2}, true);
                 NDArray centred = logMel.sub(mean);
                 NDArray var = centred.square().mean(new int[] {2}, true);
                 NDArray std = var.add(1e-5f).sqrt()) {
                NDArray out = centred.div(std);
                logMel.close();
                return out;
            }
        }
    }

    /**
     * The full forward pass.
     *
     * @param audio    {@code (B, 1, L)} float32 at the configured rate, {@code L >= hop}
     * @param training build the autograd graph of the parameters
     */
    public NetworkOutput run(NDArray audio, boolean training) {
        return runFrames(frontEnd(audio), training, 0f);
    }

    /**
     * The forward pass from normalised log-mel frames (what {@link #frontEnd} gives, possibly augmented).
     *
     * @param frames   {@code (B, n_mels, T)}
     * @param training build the autograd graph of the parameters
     * @param dropout  probability of zeroing a block input value in training (0 for none); the hidden states
     *                 returned are the blocks' outputs before dropout
     */
    public NetworkOutput runFrames(NDArray frames, boolean training, float dropout) {
        NDArray x = frames;
        List<NDArray> hidden = new ArrayList<>(blocks.size());
        for (ConvBlock b : blocks) {
            NDArray in = training && dropout > 0 && !hidden.isEmpty()
                    ? ai.djl.nn.norm.Dropout.dropout(x, dropout, true).singletonOrThrow() : x;
            x = b.forward(in, training);
            hidden.add(x);
        }
        if (training && dropout > 0) {
            x = ai.djl.nn.norm.Dropout.dropout(x, dropout, true).singletonOrThrow();
        }
        NDArray logits;
        try (NDArray perFrame = x.transpose(0, 2, 1)) {
            logits = classifier.forward(perFrame, training);
        }
        return new NetworkOutput(hidden, logits);
    }

    /** {@inheritDoc} Audio {@code (B, 1, L)} in, phone logits {@code (B, floor(L / hop), phones)} out. */
    @Override
    public NDArray forward(NDArray x, boolean training) {
        return run(x, training).logits();
    }
}
