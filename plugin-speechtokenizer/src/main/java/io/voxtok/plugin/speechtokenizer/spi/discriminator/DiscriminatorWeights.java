package io.voxtok.plugin.speechtokenizer.spi.discriminator;

import io.voxtok.api.VoxtokException;
import io.voxtok.modelio.Json;
import io.voxtok.modelio.StateDict;
import io.voxtok.training.discriminator.DiscriminatorInit;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where a discriminator's weights come from, resolved from the component's model path.
 *
 * <p>A file is a state dict with official keys ({@code discriminators.0.convs.0.weight_v}, ...), as
 * {@code voxtok train ... --batches} writes in {@code disc_<family>.pt}, or the keys of several families each under
 * {@code <family>.} (a trainer checkpoint's {@code discriminators.safetensors}). A directory is searched, in this
 * order, for {@code disc_<family>.pt}, {@code disc_<family>.safetensors}, {@code discriminators.safetensors} and
 * {@code disc_init.json} (the training parity fixture's closed-form rule, whose {@code seed} regenerates the
 * initial weights exactly; the fixture stores only the small MS-STFT state dict).
 *
 * @param init        the initial weights to apply
 * @param description what they are, for messages ({@code /run/disc_mpd.pt}, {@code closed-form rule, seed 3201 ...})
 */
record DiscriminatorWeights(DiscriminatorInit init, String description) {
    /** The trainer checkpoint's file of all families. */
    static final String ALL_FAMILIES = "discriminators.safetensors";
    /** The parity fixture's closed-form rule. */
    static final String CLOSED_FORM = "disc_init.json";

    /**
     * Resolves a model path.
     *
     * @throws VoxtokException (USER_INPUT) naming the path and what was looked for
     */
    static DiscriminatorWeights resolve(Path model, DiscriminatorKind kind) {
        String family = kind.family();
        if (Files.isRegularFile(model)) {
            return fromFile(model, kind);
        }
        if (!Files.isDirectory(model)) {
            throw VoxtokException.userInput(model + ": no such file or directory (the " + family
                    + " discriminator needs disc_" + family + ".pt or a directory holding it)");
        }
        for (String name : new String[] {"disc_" + family + ".pt", "disc_" + family + ".safetensors", ALL_FAMILIES}) {
            Path f = model.resolve(name);
            if (Files.isRegularFile(f)) {
                return fromFile(f, kind);
            }
        }
        Path rule = model.resolve(CLOSED_FORM);
        if (Files.isRegularFile(rule)) {
            long seed = closedFormSeed(rule);
            return new DiscriminatorWeights(DiscriminatorInit.closedForm(seed),
                    "closed-form rule, seed " + seed + " (" + rule + ")");
        }
        throw VoxtokException.userInput(model + ": directory has no disc_" + family + ".pt, disc_" + family
                + ".safetensors, " + ALL_FAMILIES + " or " + CLOSED_FORM + " for the " + family + " discriminator");
    }

    private static DiscriminatorWeights fromFile(Path file, DiscriminatorKind kind) {
        StateDict all = StateDict.read(file);
        String prefix = kind.family() + ".";
        boolean official = all.keys().stream().anyMatch(k -> k.startsWith("discriminators."));
        if (official) {
            return new DiscriminatorWeights(DiscriminatorInit.fromStateDict(all), file.toString());
        }
        StateDict own = all.subDict(prefix);
        if (own.size() == 0) {
            throw VoxtokException.userInput(file + ": holds no " + kind.family() + " discriminator weights (no key"
                    + " starts with 'discriminators.' or '" + prefix + "discriminators.'; it has "
                    + all.size() + " tensors" + (all.size() == 0 ? "" : ", e.g. '" + all.keys().iterator().next()
                    + "'") + ")");
        }
        return new DiscriminatorWeights(DiscriminatorInit.fromStateDict(own), file + " (keys " + prefix + "*)");
    }

    private static long closedFormSeed(Path rule) {
        Object seed = Json.readObject(rule).get("seed");
        if (!(seed instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())) {
            throw VoxtokException.userInput(rule + ": has no integer \"seed\" for the closed-form rule");
        }
        return n.longValue();
    }
}
