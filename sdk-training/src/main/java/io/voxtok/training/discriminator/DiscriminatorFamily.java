package io.voxtok.training.discriminator;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.voxtok.modelio.StateDict;
import io.voxtok.modelio.Tensor;
import io.voxtok.nn.StateDictBlock;
import io.voxtok.training.DiscriminatorForward;
import io.voxtok.training.TrainableDiscriminator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the three families share: a root module whose only child is the {@code discriminators} list (so the keys
 * read {@code discriminators.<i>....} as in the official state dicts), the manager that owns the weights, and the
 * forward pass over the sub-discriminators.
 *
 * <p>{@link #forward(NDArray)} runs in training mode, as the official trainer does throughout (its
 * {@code disc.train()} never runs, the modules stay in their default mode). The official
 * {@code disc(y, y_hat)} scores {@code y} then {@code y_hat} inside each sub-discriminator; calling
 * {@code forward(y)} then {@code forward(y_hat)} gives the same numbers and the same spectral-norm state, since each
 * sub-discriminator's state depends only on its own sequence of calls.
 */
public abstract class DiscriminatorFamily implements TrainableDiscriminator {
    private final String family;
    private final NDManager manager;
    private final Root root;
    private final List<String> names;

    /**
     * @param family  the trainer's name of the family ({@code mpd}, {@code msd}, {@code mstftd}); also the prefix
     *                of the closed-form initialisation keys
     * @param manager the manager that owns every weight of {@code subs}; closed by {@link #close()}
     * @param names   sub-discriminator names, one per sub-discriminator
     * @param subs    the sub-discriminators in official order
     */
    DiscriminatorFamily(String family, NDManager manager, List<String> names,
                        List<? extends SubDiscriminator> subs) {
        if (names.size() != subs.size()) {
            throw new IllegalArgumentException(names.size() + " names for " + subs.size() + " sub-discriminators");
        }
        this.family = family;
        this.manager = manager;
        this.names = List.copyOf(names);
        this.root = new Root(new LayerList<>(subs));
    }

    /** The trainer's name of this family: {@code mpd}, {@code msd} or {@code mstftd}. */
    public final String family() {
        return family;
    }

    @Override
    public final List<String> names() {
        return names;
    }

    /** {@inheritDoc} The root module; its {@code stateDict()} and {@code namedParameters()} give official keys. */
    @Override
    public final StateDictBlock block() {
        return root;
    }

    /** Parameters and buffers under their official keys (the live arrays, not copies). */
    public final Map<String, NDArray> stateDict() {
        return root.stateDict();
    }

    /**
     * A copy of every parameter and buffer (float32, official keys and order), e.g. for a checkpoint; the
     * spectral-norm vectors are included, so a restored discriminator continues the same power iterations.
     */
    public final StateDict snapshot() {
        Map<String, Tensor> copy = new LinkedHashMap<>();
        stateDict().forEach((k, v) -> copy.put(k, Tensor.ofFloats(v.toFloatArray(), v.getShape().getShape())));
        return StateDict.of(copy, null);
    }

    /** The manager that owns the weights. */
    public final NDManager manager() {
        return manager;
    }

    /** {@inheritDoc} Training mode: spectral norm runs one power iteration per call. */
    @Override
    public final DiscriminatorForward forward(NDArray audio) {
        return forward(audio, true);
    }

    /**
     * Scores a batch.
     *
     * @param audio    {@code (B, 1, L)} float32
     * @param training training mode (spectral-norm power iterations); gradients flow whenever a gradient
     *                 collector is active and the parameters require them
     * @return flattened logits {@code (B, N_i)} and feature maps per sub-discriminator, on {@code audio}'s manager
     */
    public final DiscriminatorForward forward(NDArray audio, boolean training) {
        if (audio.getShape().dimension() != 3 || audio.getShape().get(1) != 1) {
            throw new IllegalArgumentException(family + " expects audio (B, 1, L), got " + audio.getShape());
        }
        List<NDArray> logits = new ArrayList<>(names.size());
        List<List<NDArray>> fmaps = new ArrayList<>(names.size());
        NDArray input = audio;
        for (int i = 0; i < names.size(); i++) {
            NDArray next = inputOf(i, input);
            if (input != audio && next != input) {
                input.close();
            }
            input = next;
            SubDiscriminator.Output out = root.discriminators.get(i).score(input, training);
            logits.add(out.logits());
            fmaps.add(out.featureMaps());
        }
        if (input != audio) {
            input.close();
        }
        return new DiscriminatorForward(logits, fmaps);
    }

    /**
     * The input of sub-discriminator {@code index}; the default is the audio itself.
     *
     * @param index    sub-discriminator index
     * @param previous the input of sub-discriminator {@code index - 1} (the audio for index 0)
     * @return the input; a new array is closed by the caller when no longer needed
     */
    NDArray inputOf(int index, NDArray previous) {
        return previous;
    }

    /**
     * Replaces every parameter and buffer with the values of an official-key state dict (float32).
     *
     * @throws io.voxtok.api.VoxtokException (USER_INPUT) naming every missing, unexpected and mis-shaped key;
     *                                       nothing is changed then
     */
    public final void loadStateDict(StateDict stateDict) {
        DiscriminatorTensors.load(this, stateDict);
    }

    @Override
    public void close() {
        manager.close();
    }

    /** The root module: {@code discriminators} only (pooling layers carry no tensors). */
    private static final class Root extends StateDictBlock {
        private final LayerList<SubDiscriminator> discriminators;

        @SuppressWarnings("unchecked")
        Root(LayerList<? extends SubDiscriminator> discriminators) {
            this.discriminators = (LayerList<SubDiscriminator>) child("discriminators", discriminators);
        }

        @Override
        public NDArray forward(NDArray x, boolean training) {
            throw new UnsupportedOperationException("a discriminator family has several outputs; use "
                    + "DiscriminatorFamily.forward(audio, training)");
        }
    }
}
