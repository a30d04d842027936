package io.voxtok.cli.command;

import io.voxtok.api.teacher.Teacher;
import io.voxtok.audio.AudioReader;
import io.voxtok.cli.support.BatchRun;
import io.voxtok.cli.support.InputFile;
import io.voxtok.cli.support.InputFiles;
import io.voxtok.cli.support.ProgressBar;
import io.voxtok.cli.support.RuntimeOptions;
import io.voxtok.cli.support.TeacherSelection;
import io.voxtok.runtime.VoxtokRuntime;
import io.voxtok.units.CacheItem;
import io.voxtok.units.FeatureCache;
import io.voxtok.units.FeatureCacheManifest;
import io.voxtok.units.FeatureCacheRun;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code voxtok features}: teacher features of audio files, one {@code (T, D)} float32 {@code .npy} per file plus a
 * {@code features.json} manifest. Resumable: an input whose bytes have not changed since its features were
 * extracted is skipped (see {@link FeatureCacheRun}); an input that fails is listed and its stale {@code .npy}
 * removed, the others are extracted, and the exit code is 1.
 */
@Command(name = "features", description = "Extract teacher features (e.g. HuBERT layer 9 or avg) to .npy files.")
public final class FeaturesCommand implements Callable<Integer> {
    @Mixin
    RuntimeOptions runtime;
    @Mixin
    TeacherSelection selection;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "DIR", description = "output directory")
    Path output;

    @Parameters(arity = "1..*", paramLabel = "IN", description = "audio files or directories")
    List<Path> inputs;

    @Override
    public Integer call() {
        List<InputFile> files = InputFiles.expandRooted(inputs, InputFiles.AUDIO);
        // Training looks features up by utterance id, the file name without extension: two inputs of one name
        // would share one .npy.
        InputFiles.requireUniqueStems(files, "feature ids");
        BatchRun batch = new BatchRun(spec.commandLine().getErr(), runtime.verbose(), files.size());
        try (VoxtokRuntime rt = runtime.start();
             ProgressBar bar = new ProgressBar(spec.commandLine().getErr(), files.size())) {
            Teacher t = selection.create(rt);
            int rate = t.spec().sampleRate();
            FeatureCache cache = new FeatureCache(output, t.id().toString(), selection.layers());
            try (FeatureCacheRun run = cache.begin(t)) {
                for (InputFile in : files) {
                    Path f = in.path();
                    CacheItem item = CacheItem.ofFile(InputFiles.stem(f), f, () -> AudioReader.readAs(f, rate, 1));
                    boolean ok = batch.run(f, List.of(cache.fileFor(item.id())), () -> run.extract(item));
                    bar.step(f.getFileName() + (ok ? "" : " (failed)"));
                }
                FeatureCacheManifest m = run.finish();
                spec.commandLine().getOut().printf("%d feature files in %s (%d computed, %d unchanged inputs reused)%n",
                        m.files().size(), output, run.computed(), run.reused());
            }
        }
        return batch.finish();
    }

    @Spec
    CommandSpec spec;
}
