package io.voxtok.plugin.speakerencoder.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.norm.Dropout;
import io.voxtok.modelio.StateDict;
import io.voxtok.nn.FanInUniformInitializer;
import io.voxtok.nn.ParameterLoader;
import io.voxtok.nn.StateDictBlock;
import io.voxtok.nn.linear.Linear;
import io.voxtok.training.loss.MelSpectrogram;

import java.util.ArrayList;
import java.util.List;

/**
 * The x-vector speaker encoder (Snyder et al., "X-vectors: robust DNN embeddings for speaker recognition", ICASSP
 * 2018, reduced in width and depth), one definition for training and serving:
 * <pre>
 *   waveform (B, 1, L) at 16 kHz
 *   -> log-mel (B, n_mels, T), T = floor(L / hop)                                           (no parameters)
 *   -> minus the utterance's mean log energy over all bands and valid frames                (no parameters)
 *   -> tdnn0 .. tdnn{n-1}: dilated Conv1d + ReLU ("same" padding)                            (frame layers)
 *   -> statistics pooling: mean and standard deviation over valid frames, (B, 2 pool_channels)
 *   -> embedding: Linear(2 pool_channels -> embedding_dim)                                  (the x-vector)
 * </pre>
 * The normalisation removes only the overall level (a gain), not each band's mean as cepstral mean normalisation
 * would: the long-term spectral envelope is the strongest cue to a voice, and there is no channel variation to
 * remove in Voxtok's corpora. State-dict keys: {@code tdnn{i}.weight [C_out, C_in, k]}, {@code tdnn{i}.bias},
 * {@code embedding.weight [E, 2 P]}, {@code embedding.bias [E]}. Thread-safe when not training.
 */
public final class SpeakerEncoderNetwork extends StateDictBlock {
    private final SpeakerEncoderConfig config;
    private final MelSpectrogram mel;
    private final List<TdnnLayer> layers = new ArrayList<>();
    private final Linear embedding;

    private SpeakerEncoderNetwork(SpeakerEncoderConfig config, ParameterLoader loader) {
        this.config = config;
        this.mel = new MelSpectrogram(config.sampleRate(), config.nFft(), config.hop(), config.winLength(),
                config.nMels(), 0.0, null);
        int in = config.nMels();
        for (int i = 0; i < config.numLayers(); i++) {
            int out = config.layerWidth(i);
            layers.add(child("tdnn" + i, TdnnLayer.load(loader, "tdnn" + i + ".", in, out, config.kernels().get(i),
                    config.dilations().get(i))));
            in = out;
        }
        this.embedding = child("embedding", Linear.load(loader, "embedding.", 2 * in, config.embeddingDim()));
    }

    /** A freshly initialised network ({@link FanInUniformInitializer} from {@code seed}) on {@code manager}. */
    public static SpeakerEncoderNetwork initialized(SpeakerEncoderConfig config, NDManager manager, long seed) {
        return new SpeakerEncoderNetwork(config, ParameterLoader.initializing(manager, "speaker-encoder",
                new FanInUniformInitializer(seed)));
    }

    /**
     * A network with the weights of {@code dict} on {@code manager}.
     *
     * @throws io.voxtok.api.VoxtokException naming the file and every missing, mis-shaped or unexpected key
     */
    public static SpeakerEncoderNetwork load(SpeakerEncoderConfig config, StateDict dict, NDManager manager) {
        ParameterLoader loader = new ParameterLoader(dict, manager, "speaker-encoder");
        SpeakerEncoderNetwork net = new SpeakerEncoderNetwork(config, loader);
        loader.finish();
        return net;
    }

    /** The architecture. */
    public SpeakerEncoderConfig config() {
        return config;
    }

    /** Shortest input in samples: one FFT window (the reflect padding of the front end needs more than its half). */
    public int minSamples() {
        return config.nFft();
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
     * Embeddings of a batch.
     *
     * @param audio    {@code (B, 1, L)} float32 at the configured rate, {@code L >= minSamples()}
     * @param valid    valid samples of each row (the rest is padding), or {@code null} when all are valid
     * @param training build the autograd graph of the parameters
     * @param dropout  probability of zeroing a frame-layer input or the pooled statistics in training (0 for none)
     * @return {@code (B, embedding_dim)}
     */
    public NDArray embed(NDArray audio, int[] valid, boolean training, float dropout) {
        Shape shape = audio.getShape();
        int length = Math.toIntExact(shape.get(shape.dimension() - 1));
        if (length < minSamples()) {
            throw new IllegalArgumentException("need at least " + minSamples() + " samples, got " + length);
        }
        int frames = config.frames(length);
        NDArray mask = null;
        if (valid != null) {
            float[] m = new float[valid.length * frames];
            for (int b = 0; b < valid.length; b++) {
                int f = Math.max(1, Math.min(frames, config.frames(valid[b])));
                java.util.Arrays.fill(m, b * frames, b * frames + f, 1f);
            }
            mask = audio.getManager().create(m, new Shape(valid.length, 1, frames));
        }
        NDArray x = frontEnd(audio, mask);
        for (int i = 0; i < layers.size(); i++) {
            if (training && dropout > 0 && i > 0) {
                x = Dropout.dropout(x, dropout, true).singletonOrThrow();
            }
            x = layers.get(i).forward(x, training);
        }
        NDArray stats = StatisticsPooling.pool(x, mask);
        if (training && dropout > 0) {
            stats = Dropout.dropout(stats, dropout, true).singletonOrThrow();
        }
        return embedding.forward(stats, training);
    }

    /** Log-mel frames less the utterance's mean level: {@code (B, n_mels, floor(L / hop))}. */
    private NDArray frontEnd(NDArray audio, NDArray mask) {
        int length = Math.toIntExact(audio.getShape().get(audio.getShape().dimension() - 1));
        NDArray logMel = mel.logMel(audio.stopGradient()).get(new NDIndex(":, :, :{}", config.frames(length)));
        // one axis per reduction: DJL's PyTorch engine reduces over a single axis at a time
        NDArray level = mask == null ? logMel.mean(new int[] {2}, true).mean(new int[] {1}, true)
                : logMel.mul(mask).sum(new int[] {2}, true).sum(new int[] {1}, true)
                        .div(mask.sum(new int[] {2}, true).mul(config.nMels()));
        NDArray out = logMel.sub(level);
        // padded frames carry no signal: zero them so the frame layers see the same values at every batch size
        return mask == null ? out : out.mul(mask);
    }

    /** {@inheritDoc} Audio {@code (B, 1, L)} in, embeddings {@code (B, embedding_dim)} out. */
    @Override
    public NDArray forward(NDArray x, boolean training) {
        return embed(x, null, training, 0f);
    }
}
