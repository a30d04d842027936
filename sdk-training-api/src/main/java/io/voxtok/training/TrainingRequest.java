package io.voxtok.training;

import java.nio.file.Path;
import java.util.Map;

/**
 * What {@link TrainingRecipe#train} runs.
 *
 * @param config       training configuration (model and trainer fields)
 * @param corpus       corpus directory or JSONL manifest, or {@code null} when {@code batches} is given
 * @param teacherCache directory of cached teacher features, or {@code null} (no distillation target)
 * @param output       run directory (checkpoints, logs, plots)
 * @param resume       continue from the latest checkpoint in {@code output}
 * @param init         directory of start state dicts (official key names), or {@code null} for a fresh start
 * @param batches      directory of fixed batches taken in order ({@code step{N}_x.npy}, {@code step{N}_teacher.npy}),
 *                     or {@code null} to sample crops from {@code corpus}
 * @param steps        steps to run (overrides the configuration), or {@code null}
 * @param options      recipe-specific overrides ({@code key=value})
 * @param tokens       a prepared LM token corpus ({@code voxtok lm prepare}) for language-model recipes, or
 *                     {@code null}
 */
public record TrainingRequest(Path config, Path corpus, Path teacherCache, Path output, boolean resume, Path init,
                              Path batches, Integer steps, Map<String, String> options, Path tokens) {
    /** Copies the options. */
    public TrainingRequest {
        options = options == null ? Map.of() : Map.copyOf(options);
    }

    /** A request without a token corpus (tokenizer recipes). */
    public TrainingRequest(Path config, Path corpus, Path teacherCache, Path output, boolean resume, Path init,
                           Path batches, Integer steps, Map<String, String> options) {
        this(config, corpus, teacherCache, output, resume, init, batches, steps, options, null);
    }
}
