package io.voxtok.cli.command;

import io.voxtok.api.VoxtokException;
import io.voxtok.cli.support.PathArguments;
import io.voxtok.modelio.HalfPrecision;
import io.voxtok.modelio.SafetensorsWriter;
import io.voxtok.modelio.StateDict;
import io.voxtok.modelio.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code voxtok models pack SRC -o DIR [--float16] [--card FILE]}: a model directory fit to ship: weights as
 * safetensors only (a {@code .pt}/{@code .th}/{@code .bin} beside a safetensors file of the same name is a duplicate
 * and dropped; one without is converted), float32 weights optionally stored as float16 (read back as float32), the
 * model card as {@code README.md}, other files copied. The directory is built beside the target and moved into
 * place, so an interrupted pack leaves no half-written model.
 */
@Command(name = "pack", description = "Make a shippable model directory: safetensors weights only, optionally"
        + " float16 (loaded as float32), with a model card.")
public final class ModelsPackCommand implements Callable<Integer> {
    @Parameters(paramLabel = "SRC", description = "model directory (e.g. written by 'voxtok export')")
    Path source;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "DIR", description = "packed model directory")
    Path output;

    @Option(names = "--float16", description = "store float32 tensors as float16 (half the size)")
    boolean float16;

    @Option(names = "--card", paramLabel = "FILE", description = "model card (Markdown), written as README.md")
    Path card;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (!Files.isDirectory(source)) {
            throw VoxtokException.userInput("model directory " + source + " does not exist");
        }
        if (card != null && !Files.isRegularFile(card)) {
            throw VoxtokException.userInput("model card " + card + " does not exist");
        }
        Path target = PathArguments.outputDirectory("-o", output).toAbsolutePath().normalize();
        Files.createDirectories(target.getParent());
        Path staging = Files.createTempDirectory(target.getParent(), "." + target.getFileName() + ".packing-");
        try {
            // a shipped model is read by everyone: not the owner-only mode of a temporary directory
            Files.setPosixFilePermissions(staging, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: its default permissions apply
        }
        try {
            List<Path> files;
            try (Stream<Path> s = Files.list(source)) {
                files = s.filter(Files::isRegularFile).sorted().toList();
            }
            int weights = 0;
            for (Path f : files) {
                String name = f.getFileName().toString();
                String stem = name.contains(".") ? name.substring(0, name.lastIndexOf('.')) : name;
                if (name.endsWith(".safetensors")) {
                    write(StateDict.read(f), staging.resolve(name));
                    weights++;
                } else if (name.endsWith(".pt") || name.endsWith(".th") || name.endsWith(".bin")) {
                    if (!Files.exists(source.resolve(stem + ".safetensors"))) {
                        write(StateDict.read(f), staging.resolve(stem + ".safetensors"));
                        weights++;
                    }
                } else if (!(card != null && name.equals("README.md"))) {
                    Files.copy(f, staging.resolve(name));
                }
            }
            if (weights == 0) {
                throw VoxtokException.userInput(source + " holds no weights (*.safetensors, *.pt, *.th, *.bin)");
            }
            if (card != null) {
                Files.copy(card, staging.resolve("README.md"));
            }
            replace(staging, target);
            staging = null;
        } finally {
            if (staging != null) {
                PathArguments.deleteTree(staging);
            }
        }
        long bytes;
        try (Stream<Path> s = Files.list(target)) {
            bytes = s.mapToLong(p -> p.toFile().length()).sum();
        }
        spec.commandLine().getOut().printf("packed %s into %s (%.2f MB%s)%n", source, target, bytes / 1e6,
                float16 ? ", float16" : "");
        spec.commandLine().getOut().flush();
        return 0;
    }

    private void write(StateDict dict, Path file) {
        Map<String, Tensor> tensors = float16 ? HalfPrecision.toHalf(dict) : toMap(dict);
        SafetensorsWriter.write(file, tensors);
    }

    private static Map<String, Tensor> toMap(StateDict dict) {
        Map<String, Tensor> m = new java.util.LinkedHashMap<>();
        for (String k : dict.keys()) {
            m.put(k, dict.get(k));
        }
        return m;
    }

    /** Moves the staged directory onto the target, the old one (if any) removed only after the move succeeded. */
    private static void replace(Path staging, Path target) throws IOException {
        Path old = null;
        if (Files.exists(target)) {
            old = target.resolveSibling("." + target.getFileName() + ".old-" + System.nanoTime());
            Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
        }
        Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
        if (old != null) {
            PathArguments.deleteTree(old);
        }
    }
}
