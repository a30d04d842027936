package io.voxtok.plugin.speechtokenizer.spi.discriminator;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import io.voxtok.api.ComponentConfig;
import io.voxtok.api.ComponentContext;
import io.voxtok.api.ComponentId;
import io.voxtok.api.VoxtokException;
import io.voxtok.api.backend.BackendKind;
import io.voxtok.api.backend.DeviceSpec;
import io.voxtok.api.discriminator.Discriminator;
import io.voxtok.api.discriminator.DiscriminatorFactory;
import io.voxtok.nn.backend.PyTorchBackend;
import io.voxtok.training.discriminator.DiscriminatorFamily;
import io.voxtok.training.discriminator.DiscriminatorInit;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Creates one family of the SpeechTokenizer trainer's discriminators ({@code mpd}, {@code msd} or {@code mstftd})
 * from the weights a training run wrote, or with random weights. Cheap and stateless; weights are read only in
 * {@link #create}.
 *
 * <p>Model: see {@link DiscriminatorWeights} (a {@code disc_<family>.pt} / {@code .safetensors} file, or a directory
 * holding one, a trainer checkpoint's {@code discriminators.safetensors}, or the parity fixture's
 * {@code disc_init.json}). Options: see {@link DiscriminatorOptions}; with {@code randomInit=true} no model is
 * needed (and one given is not read), the weights are PyTorch's default initialisation drawn from {@code seed}.
 */
public final class SpeechTokenizerDiscriminatorFactory implements DiscriminatorFactory {
    private final DiscriminatorKind kind;

    /** A factory for one family. */
    public SpeechTokenizerDiscriminatorFactory(DiscriminatorKind kind) {
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    /** One factory per family, in the order {@code mpd}, {@code msd}, {@code mstftd}. */
    public static List<DiscriminatorFactory> all() {
        return java.util.Arrays.stream(DiscriminatorKind.values())
                .<DiscriminatorFactory>map(SpeechTokenizerDiscriminatorFactory::new).toList();
    }

    /** The family this factory creates. */
    public DiscriminatorKind kind() {
        return kind;
    }

    @Override
    public ComponentId id() {
        return kind.id();
    }

    @Override
    public String description() {
        return kind.description();
    }

    @Override
    public Set<BackendKind> supportedBackends() {
        return Set.of(BackendKind.PYTORCH);
    }

    @Override
    public Discriminator create(ComponentConfig config, ComponentContext context) {
        DiscriminatorOptions o = DiscriminatorOptions.from(config, kind);
        DiscriminatorInit init;
        String source;
        if (o.randomInit()) {
            init = DiscriminatorInit.pytorchDefault(o.seed());
            source = "random init, seed " + o.seed();
        } else {
            Path model = config.model().orElseThrow(() -> VoxtokException.userInput(kind.id().name()
                    + " discriminator needs a model: disc_" + kind.family() + ".pt (or .safetensors), a training run"
                    + " directory holding it, or randomInit=true"));
            DiscriminatorWeights w = DiscriminatorWeights.resolve(model, kind);
            init = w.init();
            source = w.description();
        }
        NDManager root = PyTorchBackend.newManager(device(context.backend().device()));
        try {
            DiscriminatorFamily family = kind.build(root, o, init);
            try {
                inferenceOnly(family);
            } catch (RuntimeException e) {
                family.close();
                throw e;
            }
            return new SpeechTokenizerDiscriminator(kind, root, family, kind.minSamples(o), source);
        } catch (RuntimeException e) {
            // a state dict that does not fit (other sizes, another family) is reported key by key, with its file
            root.close();
            throw e;
        }
    }

    /**
     * Marks the weights as not needing gradients (a state dict or init may hand over arrays that do) and freezes the
     * blocks, so a training-mode call, which would run spectral-norm power iterations and change the weights,
     * fails instead.
     */
    private static void inferenceOnly(DiscriminatorFamily family) {
        for (Parameter p : family.block().namedParameters().values()) {
            NDArray a = p.getArray();
            if (a.hasGradient()) {
                a.setRequiresGradient(false);
            }
        }
        family.block().freezeForInference();
    }

    private static Device device(DeviceSpec d) {
        return d.gpu() ? Device.gpu(d.ordinal()) : Device.cpu();
    }
}
