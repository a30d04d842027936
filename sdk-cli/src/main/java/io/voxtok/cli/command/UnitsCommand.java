package io.voxtok.cli.command;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.voxtok.api.VoxtokException;
import io.voxtok.api.teacher.FeatureSequence;
import io.voxtok.api.teacher.Teacher;
import io.voxtok.audio.AudioReader;
import io.voxtok.cli.support.BatchRun;
import io.voxtok.cli.support.InputFile;
import io.voxtok.cli.support.InputFiles;
import io.voxtok.cli.support.ProgressBar;
import io.voxtok.cli.support.RuntimeOptions;
import io.voxtok.cli.support.TeacherSelection;
import io.voxtok.modelio.AtomicFiles;
import io.voxtok.runtime.VoxtokRuntime;
import io.voxtok.units.Centroids;
import io.voxtok.units.TeacherOutputCheck;
import io.voxtok.units.UnitExtractor;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code voxtok units}: discrete units of audio files (nearest k-means centroid of each teacher frame), written as
 * JSON Lines {@code {"id": ..., "units": [...]}}. {@code voxtok units fit} makes the centroids. An input that
 * fails gets no line; it is listed on standard error and the exit code is 1.
 */
@Command(name = "units", description = "Turn audio into k-means units of teacher features (see also 'units fit').",
        subcommands = {UnitsFitCommand.class})
public final class UnitsCommand implements Callable<Integer> {
    @Mixin
    RuntimeOptions runtime;
    @Mixin
    TeacherSelection selection;

    @Option(names = "--centroids", paramLabel = "C.npy", description = "k-means centroids (k, dim)")
    Path centroids;

    @Option(names = "--dedup", description = "collapse runs of the same unit (deduplicated sequences)")
    boolean dedup;

    @Option(names = {"-o", "--output"}, paramLabel = "OUT.jsonl", description = "JSON Lines output")
    Path output;

    @Parameters(arity = "0..*", paramLabel = "IN", description = "audio files or directories")
    List<Path> inputs;

    @Override
    public Integer call() throws Exception {
        // Options are checked here, not by picocli, so that 'units fit' does not need them.
        if (centroids == null || output == null || inputs == null || inputs.isEmpty()) {
            throw new IllegalArgumentException("voxtok units needs --centroids C.npy, -o OUT.jsonl and input files"
                    + " (or use 'voxtok units fit' to make centroids)");
        }
        List<InputFile> rooted = InputFiles.expandRooted(inputs, InputFiles.AUDIO);
        InputFiles.requireUniqueStems(rooted, "unit line ids");
        List<Path> files = rooted.stream().map(InputFile::path).toList();
        UnitExtractor extractor = new UnitExtractor(Centroids.load(centroids), dedup);
        ObjectMapper json = new ObjectMapper();
        StringBuilder lines = new StringBuilder();
        AtomicFiles.removeStaleTemporaries(output.toAbsolutePath().getParent());
        BatchRun batch = new BatchRun(spec.commandLine().getErr(), runtime.verbose(), files.size());
        try (VoxtokRuntime rt = runtime.start();
             ProgressBar bar = new ProgressBar(spec.commandLine().getErr(), files.size())) {
            Teacher t = selection.create(rt);
            for (Path f : files) {
                FeatureSequence[] fs = new FeatureSequence[1];
                // A failed input gets no line in the output; nothing of it exists to be stale, the file is rewritten whole.
                boolean ok = batch.run(f, List.of(), () -> {
                    fs[0] = t.represent(AudioReader.readAs(f, t.spec().sampleRate(), 1), selection.layers());
                    TeacherOutputCheck.requireFinite(fs[0], f.toString(), t.id().toString());
                });
                if (ok) {
                    // Outside the per-input work: centroids that do not fit the teacher fail every input alike.
                    if (fs[0].dim() != extractor.centroids().dim()) {
                        throw VoxtokException.userInput(centroids + ": centroids have dimension "
                                + extractor.centroids().dim() + " but the teacher's features have " + fs[0].dim());
                    }
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("id", InputFiles.stem(f));
                    row.put("units", extractor.extract(fs[0]));
                    lines.append(json.writeValueAsString(row)).append('\n');
                }
                bar.step(f.getFileName() + (ok ? "" : " (failed)"));
            }
        }
        AtomicFiles.writeString(output, lines.toString());
        return batch.finish();
    }

    @Spec
    CommandSpec spec;
}
