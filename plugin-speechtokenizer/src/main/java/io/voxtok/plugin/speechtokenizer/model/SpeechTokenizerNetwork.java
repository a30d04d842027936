package io.voxtok.plugin.speechtokenizer.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import io.voxtok.nn.ParameterLoader;
import io.voxtok.nn.StateDictBlock;
import io.voxtok.nn.linear.Linear;
import io.voxtok.nn.quantization.ResidualVectorQuantizer;
import io.voxtok.nn.seanet.SeanetDecoder;
import io.voxtok.nn.seanet.SeanetEncoder;
import io.voxtok.plugin.speechtokenizer.config.SpeechTokenizerConfig;
import io.voxtok.training.CodecForward;
import io.voxtok.training.TrainableCodec;

import java.util.SplittableRandom;

/**
 * The SpeechTokenizer network as the official {@code SpeechTokenizer} {@code nn.Module}: children
 * {@code encoder}, {@code transform} (when the semantic dimension differs from the latent one),
 * {@code quantizer} and {@code decoder}, whose state dict has exactly the official keys (SPEC 2.3).
 *
 * <p>This one definition serves both inference ({@link SpeechTokenizerModel} wraps a frozen instance) and
 * training ({@link #forward(NDArray, int, boolean)} is the official {@code forward}). The arrays live on the
 * manager of the {@link ParameterLoader} that built it; the owner closes that manager.
 */
public final class SpeechTokenizerNetwork extends StateDictBlock implements TrainableCodec {
    private final SpeechTokenizerConfig config;
    private final SeanetEncoder encoder;
    private final Linear transform;
    private final ResidualVectorQuantizer quantizer;
    private final SeanetDecoder decoder;
    private ResidualVectorQuantizer.TrainingOptions quantizerOptions = ResidualVectorQuantizer.TrainingOptions.official();
    private boolean quantizerBypass;
    private SplittableRandom quantizerRandom = new SplittableRandom(0);

    /**
     * Builds the network from a loader (a checkpoint or an initializer).
     *
     * @param trainable keep the weight-norm parameters and the codebooks' training buffers (a model to train);
     *                  otherwise codebooks hold {@code embed} only
     */
    public SpeechTokenizerNetwork(SpeechTokenizerConfig config, ParameterLoader loader, boolean trainable) {
        this.config = config;
        this.encoder = child("encoder", SeanetEncoder.load(loader, "encoder.model.", config.seanet()));
        this.transform = config.hasTransform()
                ? child("transform", Linear.load(loader, "transform.", config.dimension(), config.semanticDimension()))
                : null;
        this.quantizer = child("quantizer", ResidualVectorQuantizer.load(loader, "quantizer.", config.nQ(),
                config.codebookSize(), config.dimension(), trainable));
        this.decoder = child("decoder", SeanetDecoder.load(loader, "decoder.model.", config.seanet()));
    }

    /**
     * A trainable network from a state dict with official keys, weight-norm tensors and all codebook buffers
     * (what the official {@code state_dict()} holds).
     *
     * @param manager manager that will own the weights (the caller closes it)
     * @throws io.voxtok.api.VoxtokException naming every missing, mis-shaped or unexpected key
     */
    public static SpeechTokenizerNetwork trainable(SpeechTokenizerConfig config, io.voxtok.modelio.StateDict stateDict,
                                                   ai.djl.ndarray.NDManager manager) {
        ParameterLoader loader = new ParameterLoader(stateDict, manager, "SpeechTokenizer");
        SpeechTokenizerNetwork network = new SpeechTokenizerNetwork(config, loader, true);
        loader.finish();
        return network;
    }

    /** The configuration. */
    public SpeechTokenizerConfig config() {
        return config;
    }

    /** The SEANet encoder. */
    public SeanetEncoder encoder() {
        return encoder;
    }

    /** The residual vector quantizer. */
    public ResidualVectorQuantizer quantizer() {
        return quantizer;
    }

    /** The SEANet decoder. */
    public SeanetDecoder decoder() {
        return decoder;
    }

    /**
     * The projection of RVQ layer 0 to the teacher's dimension ({@code transform}), or the identity when the
     * dimensions agree.
     *
     * @param btd {@code (B, T, dimension)}
     * @return {@code (B, T, semantic_dimension)}
     */
    public NDArray transform(NDArray btd, boolean training) {
        return transform == null ? io.voxtok.nn.NdArrays.alias(btd) : transform.forward(btd, training);
    }

    /**
     * Sets the quantizer's training options and the random source of its k-means sampling and dead-code
     * re-seeding (the trainer derives one per step from its seed, so a resumed run draws the same numbers).
     */
    public void setQuantizerTraining(ResidualVectorQuantizer.TrainingOptions options, SplittableRandom random) {
        this.quantizerOptions = options;
        this.quantizerRandom = random;
    }

    /**
     * Bypasses the quantizer in the training forward (the latent goes to the decoder unquantized, the commitment
     * loss is 0, codes are reported as 0): the quantizer warm-up of {@code quantizer_warmup_steps}. An untrained
     * encoder's latents vary so little from frame to frame, compared with how far one optimiser step moves them,
     * that codebooks clustered on them are left behind after a single step and usage collapses to one code; a
     * short warm-up as a plain autoencoder gives latents worth clustering.
     */
    public void setQuantizerBypass(boolean bypass) {
        this.quantizerBypass = bypass;
    }

    /** {@inheritDoc} Reconstruction of all codebooks (inference semantics). */
    @Override
    public NDArray forward(NDArray x, boolean training) {
        try (NDArray e = encoder.forward(x, training); NDArray q = quantizer.forward(e, training)) {
            return decoder.forward(q, training);
        }
    }

    /**
     * The official {@code forward(x, n_q)}: encoder, RVQ training forward (codebook EMA updates and
     * straight-through estimator when training), the distillation feature {@code transform(q_0^T)} and the
     * decoder applied to the sum of the quantized layers.
     *
     * @param audio     {@code (B, 1, L)}
     * @param numLayers codebooks used (all of them in the official trainer)
     * @param training  training mode
     */
    @Override
    public CodecForward forward(NDArray audio, int numLayers, boolean training) {
        if (quantizerBypass) {
            return bypassForward(audio, numLayers, training);
        }
        ResidualVectorQuantizer.TrainingOutput q;
        try (NDArray e = encoder.forward(audio, training)) {
            q = quantizer.forwardTraining(e, numLayers, training, quantizerOptions, quantizerRandom);
        }
        NDArray feature;
        try (NDArray btd = q.quantizedLayers().get(0).transpose(0, 2, 1)) {
            feature = transform(btd, training);
        }
        NDArray reconstruction = decoder.forward(q.quantized(), training);
        q.quantized().close();
        return new CodecForward(reconstruction, q.commitmentLoss(), feature, new NDList(q.quantizedLayers()),
                q.codes(), q.deadCodes());
    }

    private CodecForward bypassForward(NDArray audio, int numLayers, boolean training) {
        NDArray e = encoder.forward(audio, training);
        NDArray feature;
        try (NDArray btd = e.transpose(0, 2, 1)) {
            feature = transform(btd, training);
        }
        NDArray reconstruction = decoder.forward(e, training);
        long[] s = e.getShape().getShape();
        ai.djl.ndarray.NDManager m = e.getManager();
        NDArray codes = m.zeros(new ai.djl.ndarray.types.Shape(numLayers, s[0], s[2]), ai.djl.ndarray.types.DataType.INT64);
        NDArray zero = m.zeros(new ai.djl.ndarray.types.Shape());
        return new CodecForward(reconstruction, zero, feature, new ai.djl.ndarray.NDList(e), codes, new int[numLayers]);
    }

    /** {@inheritDoc} */
    @Override
    public Block block() {
        return this;
    }

    /** {@inheritDoc} */
    @Override
    public int hopLength() {
        return config.hopLength();
    }

    /** The network does not own its manager; closing it does nothing (the loader's manager owner closes). */
    @Override
    public void close() {
    }
}
