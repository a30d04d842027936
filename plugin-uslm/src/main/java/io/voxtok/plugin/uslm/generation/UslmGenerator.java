package io.voxtok.plugin.uslm.generation;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import io.voxtok.api.VoxtokException;
import io.voxtok.plugin.uslm.config.FirstStepEosPolicy;
import io.voxtok.plugin.uslm.model.UslmNetwork;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code USLM.inference} (prefix mode 0): AR loop ({@link ArGenerator}) then greedy NAR ({@link NarGenerator});
 * the output holds only the generated frames, {@code (T_gen, 8)}. Batches are generated item by item (a loop, not a
 * padded batched decoder), each item with its own text length, prompt, cap and sampler (seeded with
 * {@code seed + item index}). Thread-safe.
 */
public final class UslmGenerator {
    private static final Logger LOG = LoggerFactory.getLogger(UslmGenerator.class);
    private final UslmNetwork net;
    private final ArGenerator ar;
    private final NarGenerator nar;

    /** @param net the network */
    public UslmGenerator(UslmNetwork net) {
        this.net = net;
        this.ar = new ArGenerator(net);
        this.nar = new NarGenerator(net);
    }

    /**
     * Generates one item.
     *
     * @throws FirstStepEosException when the AR stops at once and the policy is {@link FirstStepEosPolicy#FAIL}
     */
    public GenerationResult generate(GenerationInput input, GenerationOptions options) {
        int q = net.config().numQuantizers();
        long[] promptFirst = new long[input.promptCodes().length];
        for (int t = 0; t < promptFirst.length; t++) {
            long[] frame = input.promptCodes()[t];
            if (frame.length != q) {
                throw VoxtokException.userInput("prompt frame " + t + " has " + frame.length + " codes, the model needs " + q);
            }
            for (long c : frame) {
                if (c < 0 || c >= net.config().numAudioTokens()) {
                    throw VoxtokException.userInput("prompt code " + c + " at frame " + t + " outside [0, "
                            + net.config().numAudioTokens() + ")");
                }
            }
            promptFirst[t] = frame[0];
        }
        for (long id : input.textIds()) {
            if (id < 0 || id >= net.config().numTextTokens()) {
                throw VoxtokException.userInput("text id " + id + " outside [0, " + net.config().numTextTokens() + ")");
            }
        }
        try (NDManager m = Engine.getEngine("PyTorch").newBaseManager()) {
            ArGenerator.ArResult a = ar.generate(m, input.textIds(), promptFirst, options);
            LOG.debug("{} EOS [{} -> {}] ({})", net.config().modelClass(), promptFirst.length,
                    promptFirst.length + a.generated().length, a.stopReason());
            if (a.generated().length == 0) {
                if (net.options().firstStepEos() == FirstStepEosPolicy.FAIL) {
                    throw new FirstStepEosException(a.stopReason());
                }
                return new GenerationResult(new long[0][], a.stopReason(), a.steps(), a.stepLogits(), List.of());
            }
            NarGenerator.NarResult n = nar.generate(m, input.textIds(), input.promptCodes(), a.generated(),
                    options.recordLogits());
            long[][] codes = new long[a.generated().length][q];
            for (int t = 0; t < codes.length; t++) {
                codes[t][0] = a.generated()[t];
                System.arraycopy(n.codes()[t], 0, codes[t], 1, q - 1);
            }
            return new GenerationResult(codes, a.stopReason(), a.steps(), a.stepLogits(), n.top2());
        }
    }

    /** Generates several items one after the other; item i samples with seed {@code options.seed() + i}. */
    public List<GenerationResult> generateBatch(List<GenerationInput> inputs, GenerationOptions options) {
        List<GenerationResult> out = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            GenerationOptions o = options.withSampling(options.topK(), options.topP(), options.temperature(),
                    options.seed() + i);
            out.add(generate(inputs.get(i), o));
        }
        return out;
    }
}
