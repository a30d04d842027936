package io.voxtok.cli.command;

import io.voxtok.api.bench.ProgressListener;
import io.voxtok.api.teacher.Teacher;
import io.voxtok.audio.AudioReader;
import io.voxtok.cli.support.InputFiles;
import io.voxtok.cli.support.ProgressBar;
import io.voxtok.cli.support.RuntimeOptions;
import io.voxtok.cli.support.TeacherSelection;
import io.voxtok.runtime.VoxtokRuntime;
import io.voxtok.units.CacheItem;
import io.voxtok.units.FeatureCache;
import io.voxtok.units.FeatureCacheManifest;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code voxtok features}: teacher features of audio files, one {@code (T, D)} float32 {@code .npy} per file plus a
 * {@code features.json} manifest. Resumable: files already extracted are skipped.
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
        List<Path> files = InputFiles.expand(inputs, InputFiles.AUDIO);
        try (VoxtokRuntime rt = runtime.start(); ProgressBar bar = new ProgressBar(files.size())) {
            Teacher t = selection.create(rt);
            int rate = t.spec().sampleRate();
            List<CacheItem> items = files.stream()
                    .map(f -> new CacheItem(InputFiles.stem(f), () -> AudioReader.readAs(f, rate, 1))).toList();
            FeatureCache cache = new FeatureCache(output, t.id().toString(), selection.layers());
            ProgressListener p = (done, total) -> bar.step(done + " of " + total);
            FeatureCacheManifest m = cache.extract(items, t, p);
            spec().commandLine().getOut().printf("%d feature files in %s%n", m.files().size(), output);
        }
        return 0;
    }

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    private picocli.CommandLine.Model.CommandSpec spec() {
        return spec;
    }
}
