package io.voxtok.cli.command;

import io.voxtok.api.teacher.FeatureSequence;
import io.voxtok.api.teacher.Teacher;
import io.voxtok.audio.AudioReader;
import io.voxtok.cli.support.InputFiles;
import io.voxtok.cli.support.ProgressBar;
import io.voxtok.cli.support.RuntimeOptions;
import io.voxtok.cli.support.TeacherSelection;
import io.voxtok.runtime.VoxtokRuntime;
import io.voxtok.units.KMeans;
import io.voxtok.units.KMeansResult;
import io.voxtok.units.TeacherOutputCheck;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code voxtok units fit}: k-means over the teacher features of a corpus; writes centroids {@code (k, dim)} .npy. */
@Command(name = "fit", description = "Fit k-means centroids on teacher features of audio files.")
public final class UnitsFitCommand implements Callable<Integer> {
    @Mixin
    RuntimeOptions runtime;
    @Mixin
    TeacherSelection selection;

    @Option(names = "-k", defaultValue = "500", description = "number of units (default 500, as fairseq's HuBERT recipe)")
    int k;

    @Option(names = "--mini-batch", description = "mini-batch k-means (default: Lloyd)")
    boolean miniBatch;

    @Option(names = "--seed", defaultValue = "0", description = "random seed (default 0)")
    long seed;

    @Option(names = "--max-iter", defaultValue = "100", description = "iteration limit (default 100)")
    int maxIter;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "C.npy", description = "centroids file")
    Path output;

    @Parameters(arity = "1..*", paramLabel = "IN", description = "audio files or directories")
    List<Path> inputs;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        List<Path> files = InputFiles.expand(inputs, InputFiles.AUDIO);
        List<FeatureSequence> features = new ArrayList<>();
        try (VoxtokRuntime rt = runtime.start(); ProgressBar bar = new ProgressBar(files.size())) {
            Teacher t = selection.create(rt);
            for (Path f : files) {
                FeatureSequence fs = t.represent(AudioReader.readAs(f, t.spec().sampleRate(), 1), selection.layers());
                TeacherOutputCheck.requireFinite(fs, f.toString(), t.id().toString());
                features.add(fs);
                bar.step(f.getFileName().toString());
            }
        }
        KMeans km = KMeans.builder().k(k).seed(seed).maxIterations(maxIter)
                .mode(miniBatch ? KMeans.Mode.MINI_BATCH : KMeans.Mode.LLOYD).build();
        KMeansResult r = km.fit(features, (d, total) -> { });
        r.centroids().save(output);
        spec.commandLine().getOut().printf("k-means: %d centroids of dim %d after %d iterations (%s), inertia %.4g; wrote %s%n",
                r.centroids().k(), r.centroids().dim(), r.iterations(), r.converged() ? "converged" : "iteration limit",
                r.inertia(), output);
        return 0;
    }
}
