package io.voxtok.training;

import java.nio.file.Path;

/**
 * A training procedure contributed by a plugin ({@code voxtok train <name>}), found by the runtime with
 * {@link java.util.ServiceLoader} in each plugin's class loader (a file
 * {@code META-INF/services/io.voxtok.training.TrainingRecipe} naming the class). Implementations have a public
 * no-argument constructor and are stateless; every call owns the resources it opens.
 */
public interface TrainingRecipe {
    /** The name used on the command line, e.g. {@code speechtokenizer}. */
    String name();

    /** One line for listings. */
    String description();

    /**
     * Runs (or resumes) a training run.
     *
     * @param request what to train on and where to write
     * @return where the run ended
     * @throws io.voxtok.api.VoxtokException on bad configuration or data, naming the file and the problem
     */
    TrainingResult train(TrainingRequest request);

    /**
     * Exports the generator of a run directory (its latest or best checkpoint) in the official layout of the
     * original implementation, so that the original code loads it.
     *
     * @param runDir   a run directory written by {@link #train}
     * @param modelDir output directory (created; existing files of the same names are replaced atomically)
     * @param best     export the best-dev checkpoint instead of the latest
     * @return the files written
     */
    java.util.List<Path> exportOfficial(Path runDir, Path modelDir, boolean best);

    /**
     * Times full training steps (discriminator and generator) for a configuration, with random weights and
     * random audio, after {@code warmup} untimed steps.
     *
     * @param config  training configuration file
     * @param warmup  untimed steps
     * @param repeats timed steps
     * @return per-step seconds and the settings measured, as a JSON-ready map
     */
    java.util.Map<String, Object> benchmarkStep(Path config, int warmup, int repeats);
}
