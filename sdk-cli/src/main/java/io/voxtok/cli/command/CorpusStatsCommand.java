package io.voxtok.cli.command;

import io.voxtok.api.VoxtokException;
import io.voxtok.data.CorpusStats;
import io.voxtok.data.ManifestDataset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code voxtok corpus stats DIR}: hours, speakers and utterances per split of a manifest corpus. */
@Command(name = "stats", description = "Hours, speakers and utterances per split of a corpus (manifest.jsonl).")
public final class CorpusStatsCommand implements Callable<Integer> {
    @Parameters(paramLabel = "DIR|manifest.jsonl", description = "corpus directory or its manifest")
    Path corpus;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        Path manifest = Files.isDirectory(corpus) ? corpus.resolve("manifest.jsonl") : corpus;
        if (!Files.isRegularFile(manifest)) {
            throw VoxtokException.userInput(manifest + ": no manifest.jsonl here");
        }
        spec.commandLine().getOut().print(CorpusStats.of(new ManifestDataset(manifest)).toMarkdown());
        spec.commandLine().getOut().flush();
        return 0;
    }
}
