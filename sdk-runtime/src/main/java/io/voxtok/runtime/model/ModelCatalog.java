package io.voxtok.runtime.model;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Named model directories: the models shipped under {@code <voxtok home>/models/} and any under the directories of
 * {@code VOXTOK_MODELS} (a path list, searched first). A model argument that is an existing path is used as given;
 * a bare name such as {@code speechtokenizer-small} that is not a path is looked up here, so that every command
 * taking a model directory also takes a shipped model's name. Immutable and thread-safe.
 */
public final class ModelCatalog {
    /** Environment variable with extra model roots (searched before the shipped models). */
    public static final String ENV = "VOXTOK_MODELS";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    private final List<Path> roots;

    /** A catalog over these root directories, searched in order. */
    public ModelCatalog(List<Path> roots) {
        this.roots = List.copyOf(roots);
    }

    /** {@code VOXTOK_MODELS} entries, then {@code home/models}. */
    public static ModelCatalog standard(Path home) {
        List<Path> roots = new ArrayList<>();
        String env = System.getenv(ENV);
        if (env != null && !env.isBlank()) {
            for (String p : env.split(File.pathSeparator)) {
                if (!p.isBlank()) {
                    roots.add(Path.of(p));
                }
            }
        }
        roots.add(home.resolve("models"));
        return new ModelCatalog(roots);
    }

    /** The roots searched, in order. */
    public List<Path> roots() {
        return roots;
    }

    /** Whether {@code s} can be a model name (one path element, no separators). */
    public static boolean isName(String s) {
        return NAME.matcher(s).matches() && !s.equals(".") && !s.equals("..");
    }

    /** The directory of the model called {@code name}: the first root holding a directory of that name. */
    public Optional<Path> find(String name) {
        if (!isName(name)) {
            return Optional.empty();
        }
        for (Path r : roots) {
            Path d = r.resolve(name);
            if (Files.isDirectory(d)) {
                return Optional.of(d.toAbsolutePath().normalize());
            }
        }
        return Optional.empty();
    }

    /**
     * A model argument as a path: itself when it exists (or is not a bare name), else the catalog's directory of
     * that name, else itself unchanged (the component then reports the missing directory).
     */
    public Path resolve(Path modelArgument) {
        if (Files.exists(modelArgument) || modelArgument.getNameCount() != 1) {
            return modelArgument;
        }
        return find(modelArgument.toString()).orElse(modelArgument);
    }

    /** Names of the models found under the roots (directories holding a {@code config.json}), sorted. */
    public List<String> names() {
        List<String> out = new ArrayList<>();
        for (Path r : roots) {
            if (!Files.isDirectory(r)) {
                continue;
            }
            try (Stream<Path> s = Files.list(r)) {
                s.filter(d -> Files.isRegularFile(d.resolve("config.json")))
                        .map(d -> d.getFileName().toString())
                        .filter(n -> !out.contains(n))
                        .forEach(out::add);
            } catch (IOException e) {
                // an unreadable root lists nothing; resolving a name still reports the missing directory
            }
        }
        out.sort(null);
        return out;
    }
}
