package io.voxtok.cli.support;

import io.voxtok.api.VoxtokException;
import io.voxtok.modelio.AtomicFiles;
import io.voxtok.modelio.OutputClaim;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Where each input of a command writes its output, decided and checked before anything is written.
 *
 * <p>With one input and {@code -o} naming a file (it has an extension and is not an existing directory), that file
 * is the output. Otherwise {@code -o} is a directory and each input gets {@code <stem>.<ext>} in it, in the
 * input's folders relative to the argument that named it: {@code corpus/a/x.flac} given as {@code corpus/}
 * writes {@code OUT/a/x.vtok}; a file named directly writes {@code OUT/x.vtok}.
 *
 * <p>Two inputs that would write one output ({@code x.wav} and {@code x.flac} in one folder, or {@code a/x.flac} and
 * {@code b/x.flac} named as files) and an output that is one of the inputs are refused with the full list, before
 * any model is loaded: a directory run never overwrites one input's result with another's. Paths are compared
 * ignoring case ({@code A.wav} and {@code a.wav} give {@code A.vtok} and {@code a.vtok}, one file on the
 * case-insensitive file systems of macOS and Windows), so a run refused there is refused everywhere.
 *
 * <p>{@link #claim()} claims the outputs for the run ({@link OutputClaim}): another process that writes one of them
 * meanwhile keeps its file, and this run's input fails naming it.
 */
public final class OutputPlan {
    private static final int CLASHES_LISTED = 5;

    private final List<InputFile> inputs;
    private final List<Path> outputs;
    private final Set<Path> planned;

    private OutputPlan(List<InputFile> inputs, List<Path> outputs) {
        this.inputs = List.copyOf(inputs);
        this.outputs = List.copyOf(outputs);
        this.planned = new HashSet<>();
        for (Path p : outputs) {
            planned.add(key(p));
        }
    }

    /**
     * Plans the outputs of {@code inputs} for {@code -o out}.
     *
     * @param extension the output extension when {@code out} is a directory, without the dot
     * @throws VoxtokException USER_INPUT when {@code out} names a file but there are several inputs, when two inputs
     *                         would write the same output, or when an output would overwrite an input
     */
    public static OutputPlan of(List<InputFile> inputs, Path out, String extension) {
        boolean looksLikeFile = !InputFiles.extension(out).isEmpty() && !Files.isDirectory(out);
        if (inputs.size() > 1 && looksLikeFile) {
            throw VoxtokException.userInput("-o " + out + " names a file but there are " + inputs.size()
                    + " inputs; give a directory");
        }
        if (!looksLikeFile && Files.exists(out) && !Files.isDirectory(out)) {
            // every input would fail to write below it; say so once
            throw VoxtokException.userInput("-o " + out + " is an existing file, not a directory");
        }
        List<Path> outputs = new ArrayList<>(inputs.size());
        for (InputFile in : inputs) {
            if (looksLikeFile) {
                outputs.add(out);
            } else {
                String name = InputFiles.stem(in.relative()) + "." + extension;
                outputs.add(out.resolve(in.relative().resolveSibling(name).toString()));
            }
        }
        checkClashes(inputs, outputs);
        return new OutputPlan(inputs, outputs);
    }

    /** The inputs, in order. */
    public List<InputFile> inputs() {
        return inputs;
    }

    /** The number of inputs. */
    public int size() {
        return inputs.size();
    }

    /** The output of input {@code i}. */
    public Path output(int i) {
        return outputs.get(i);
    }

    /** Whether {@code file} is the planned output of some input. */
    public boolean isPlanned(Path file) {
        return planned.contains(key(file));
    }

    /**
     * Claims the outputs for this run, recording their state now, before the long work: a write finding one changed
     * by another process since is refused (see {@link OutputClaim}). Close it when the run ends.
     *
     * @throws io.voxtok.api.VoxtokException USER_INPUT when another run of this process claims an output already
     */
    public OutputClaim claim() {
        return OutputClaim.of(outputs);
    }

    /**
     * Deletes the temporary files that a killed earlier run left in the folders this plan writes to (see
     * {@link AtomicFiles#removeStaleTemporaries}); files another running process is writing stay.
     *
     * @return the files deleted
     */
    public List<Path> removeStaleTemporaries() {
        Set<Path> folders = new LinkedHashSet<>();
        for (Path p : outputs) {
            folders.add(p.toAbsolutePath().normalize().getParent());
        }
        List<Path> removed = new ArrayList<>();
        for (Path f : folders) {
            removed.addAll(AtomicFiles.removeStaleTemporaries(f));
        }
        return removed;
    }

    private static void checkClashes(List<InputFile> inputs, List<Path> outputs) {
        Map<String, InputFile> inputByPath = new HashMap<>();
        for (InputFile in : inputs) {
            inputByPath.put(clashKey(in.path()), in);
        }
        Map<String, List<Integer>> writers = new LinkedHashMap<>();
        for (int i = 0; i < inputs.size(); i++) {
            Path o = outputs.get(i);
            InputFile overwritten = inputByPath.get(clashKey(o));
            if (overwritten != null) {
                throw VoxtokException.userInput(o + " would be written over the input " + overwritten.path()
                        + (key(o).equals(key(overwritten.path())) ? "" : " (one file where case is ignored)")
                        + "; choose another -o");
            }
            writers.computeIfAbsent(clashKey(o), k -> new ArrayList<>()).add(i);
        }
        List<String> clashes = new ArrayList<>();
        int count = 0;
        for (int i = 0; i < inputs.size(); i++) {
            List<Integer> w = writers.get(clashKey(outputs.get(i)));
            if (w.size() > 1 && w.get(0) == i) {
                count++;
                if (clashes.size() < CLASHES_LISTED) {
                    Set<String> names = new LinkedHashSet<>();
                    w.forEach(j -> names.add(outputs.get(j).toString()));
                    clashes.add(String.join(" and ", names)
                            + (names.size() > 1 ? " (one file where case is ignored, as on macOS and Windows)" : "")
                            + " from " + String.join(" and ", w.stream().map(j -> inputs.get(j).path().toString())
                            .toList()));
                }
            }
        }
        if (count > 0) {
            throw VoxtokException.userInput(count + (count == 1 ? " output" : " outputs") + " would be written by"
                    + " several inputs, nothing written: " + String.join("; ", clashes)
                    + (count > clashes.size() ? "; and " + (count - clashes.size()) + " more" : "")
                    + " (rename the inputs, or name the folder above them as one input directory: its tree is"
                    + " mirrored under -o)");
        }
    }

    private static Path key(Path p) {
        return p.toAbsolutePath().normalize();
    }

    /** The path as a case-insensitive file system sees it. */
    private static String clashKey(Path p) {
        return key(p).toString().toLowerCase(Locale.ROOT);
    }
}
