package io.voxtok.plugin.encodec.model;

import io.voxtok.api.VoxtokException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Where an EnCodec model's configuration and weights are: a directory with {@code config.json} and one weights
 * file ({@code .th}, {@code .pt}, {@code .pth}, {@code .bin} or {@code .safetensors}), or a weights file alone, whose
 * configuration is a {@code config.json} next to it or, failing that, the official one its name starts with
 * ({@code encodec_24khz-d7cc33bc.th}).
 *
 * @param weights the weights file
 * @param config  the configuration
 */
public record EncodecModelFiles(Path weights, EncodecConfig config) {
    private static final List<String> WEIGHT_EXTENSIONS = List.of(".th", ".pt", ".pth", ".bin", ".safetensors");

    /**
     * Resolves a model path.
     *
     * @throws VoxtokException (USER_INPUT) naming the path when nothing usable is there
     */
    public static EncodecModelFiles resolve(Path path) {
        if (Files.isDirectory(path)) {
            Path weights = findWeights(path);
            Path config = path.resolve("config.json");
            return new EncodecModelFiles(weights, Files.isRegularFile(config) ? EncodecConfigReader.read(config)
                    : configFromName(weights, path));
        }
        if (!Files.isRegularFile(path)) {
            throw VoxtokException.userInput("EnCodec model " + path + " does not exist (give a directory with "
                    + "config.json and weights, or a weights file)");
        }
        Path sibling = path.toAbsolutePath().getParent().resolve("config.json");
        return new EncodecModelFiles(path, Files.isRegularFile(sibling) ? EncodecConfigReader.read(sibling)
                : configFromName(path, path));
    }

    private static Path findWeights(Path dir) {
        List<Path> found;
        try (Stream<Path> files = Files.list(dir)) {
            found = files.filter(Files::isRegularFile)
                    .filter(f -> WEIGHT_EXTENSIONS.stream().anyMatch(e -> name(f).endsWith(e)))
                    .sorted().toList();
        } catch (IOException e) {
            throw VoxtokException.userInput("cannot list EnCodec model directory " + dir + ": " + e.getMessage());
        }
        if (found.isEmpty()) {
            throw VoxtokException.userInput("EnCodec model directory " + dir + " holds no weights file (expected one of "
                    + WEIGHT_EXTENSIONS + ")");
        }
        if (found.size() > 1) {
            List<Path> safetensors = found.stream().filter(f -> name(f).equals("model.safetensors")).toList();
            if (safetensors.size() == 1) {
                return safetensors.get(0);
            }
            throw VoxtokException.userInput("EnCodec model directory " + dir + " holds several weights files "
                    + found.stream().map(EncodecModelFiles::name).toList() + "; keep one, or give the file itself");
        }
        return found.get(0);
    }

    private static EncodecConfig configFromName(Path weights, Path given) {
        String n = name(weights);
        if (n.startsWith(EncodecConfig.ENCODEC_24KHZ)) {
            return EncodecConfig.encodec24khz();
        }
        if (n.startsWith(EncodecConfig.ENCODEC_48KHZ)) {
            return EncodecConfig.encodec48khz();
        }
        throw VoxtokException.userInput("EnCodec model " + given + " has no config.json and the weights file name '"
                + weights.getFileName() + "' is not an official one (" + EncodecConfig.ENCODEC_24KHZ + "-*.th, "
                + EncodecConfig.ENCODEC_48KHZ + "-*.th)");
    }

    private static String name(Path p) {
        return p.getFileName().toString().toLowerCase(Locale.ROOT);
    }
}
