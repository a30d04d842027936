package io.voxtok.cli.command;

import io.voxtok.cli.support.RuntimeOptions;
import io.voxtok.runtime.model.ModelCatalog;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;

/**
 * {@code voxtok models}: the named models (shipped under {@code models/}, or under {@code VOXTOK_MODELS}) that
 * {@code -m NAME} accepts wherever a model directory is expected.
 */
@Command(name = "models", description = "List the named models that -m NAME accepts (shipped under models/, or in"
        + " the directories of $VOXTOK_MODELS); 'models pack' makes a shippable model directory.",
        subcommands = {ModelsPackCommand.class})
public final class ModelsCommand implements Callable<Integer> {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        ModelCatalog catalog = ModelCatalog.standard(RuntimeOptions.home());
        PrintWriter out = spec.commandLine().getOut();
        List<String> names = catalog.names();
        if (names.isEmpty()) {
            out.println("no models under " + catalog.roots());
        }
        for (String n : names) {
            Path dir = catalog.find(n).orElseThrow();
            out.printf("%-26s %7.2f MB  %s%n  %s%n", n, size(dir) / 1e6, title(dir), dir);
        }
        out.flush();
        return 0;
    }

    private static long size(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    /** The model card's first heading, if it has one. */
    private static String title(Path dir) throws IOException {
        Path card = dir.resolve("README.md");
        if (!Files.isRegularFile(card)) {
            return "(no model card)";
        }
        try (Stream<String> lines = Files.lines(card)) {
            return lines.filter(l -> l.startsWith("# ")).map(l -> l.substring(2).trim()).findFirst().orElse("");
        }
    }
}
