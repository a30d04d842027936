package io.voxtok.training.run;

import io.voxtok.api.VoxtokException;
import io.voxtok.modelio.AtomicFiles;
import io.voxtok.training.TrainingRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The conventions every corpus training recipe shares for its run directory: {@code config.json} (the
 * configuration the run started with, copied atomically), {@code metrics.jsonl}, {@code --resume} only into a run
 * and only with the run's own configuration, a fresh start never into an existing run.
 */
public final class RunDirectory {
    /** The run's configuration file name. */
    public static final String CONFIG = "config.json";
    /** The run's metrics log file name. */
    public static final String METRICS = "metrics.jsonl";

    private RunDirectory() {
    }

    /**
     * The configuration a request trains with: the run's own {@code config.json} when resuming (a different
     * {@code --config} is refused), else {@code --config}, which is then required.
     */
    public static Path configOf(TrainingRequest request) {
        Path runDir = request.output();
        Path config = request.config();
        if (request.resume()) {
            Path own = runDir.resolve(CONFIG);
            if (!Files.isRegularFile(own)) {
                throw VoxtokException.userInput("--resume: " + runDir + " is not a run directory (no " + CONFIG + ")");
            }
            if (config != null && !sameContent(config, own)) {
                throw VoxtokException.userInput("--resume: " + config + " differs from the run's " + own
                        + "; resume with the run's own configuration (omit --config)");
            }
            return own;
        }
        if (config == null) {
            throw VoxtokException.userInput("--config is required");
        }
        return config;
    }

    /**
     * Creates the run directory and, for a fresh start, copies the configuration into it; a fresh start into a
     * directory that already holds a run is refused.
     */
    public static void prepare(Path runDir, Path config, boolean resume) {
        try {
            Files.createDirectories(runDir);
        } catch (IOException e) {
            throw VoxtokException.userInput("cannot create run directory " + runDir + ": " + e.getMessage());
        }
        if (resume) {
            return;
        }
        if (Files.exists(runDir.resolve(CONFIG)) || Files.exists(runDir.resolve(METRICS))) {
            throw VoxtokException.userInput(runDir + " already holds a run; use --resume or another -o");
        }
        try {
            byte[] bytes = Files.readAllBytes(config);
            AtomicFiles.write(runDir.resolve(CONFIG), out -> out.write(bytes));
        } catch (IOException e) {
            throw VoxtokException.userInput("cannot read " + config + ": " + e.getMessage());
        }
    }

    /** A corpus directory holding {@code manifest.jsonl}, or a manifest file. */
    public static Path manifestOf(Path corpus) {
        if (corpus == null) {
            throw VoxtokException.userInput("--corpus is required (a corpus directory or a JSONL manifest)");
        }
        if (Files.isDirectory(corpus)) {
            Path m = corpus.resolve("manifest.jsonl");
            if (!Files.isRegularFile(m)) {
                throw VoxtokException.userInput("corpus directory " + corpus + " has no manifest.jsonl");
            }
            return m;
        }
        if (!Files.isRegularFile(corpus)) {
            throw VoxtokException.userInput("corpus " + corpus + " does not exist");
        }
        return corpus;
    }

    private static boolean sameContent(Path a, Path b) {
        try {
            return Arrays.equals(Files.readAllBytes(a), Files.readAllBytes(b));
        } catch (IOException e) {
            throw VoxtokException.userInput("cannot read " + a + " or " + b + ": " + e.getMessage());
        }
    }
}
