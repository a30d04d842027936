package io.voxtok.training.run;

import io.voxtok.api.ErrorKind;
import io.voxtok.api.VoxtokException;
import io.voxtok.modelio.AtomicFiles;
import io.voxtok.modelio.Json;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The checkpoints of a run: {@code <run>/checkpoints/step-000123/} directories whose files the trainer writes
 * through a {@link CheckpointWriter} (their format is the trainer's business), plus {@code checkpoints/best.json}
 * naming the best step so far by a validation metric.
 *
 * <p>Atomic: a checkpoint is written into a hidden {@code .tmp-step-...} directory, every file and directory in it is
 * fsync'ed, and only then is it renamed to {@code step-NNNNNN} (and the parent directory fsync'ed), so after a crash
 * or power loss a {@code step-*} directory is always complete; leftovers of an interrupted save are removed when
 * the store is opened. Re-saving an existing step (after a resume) swaps the directories with two renames; if the
 * process dies between them, opening the store restores the old one.
 *
 * <p>Retention: after each save the newest {@code keepLast} checkpoints are kept, plus the one {@code best.json}
 * names; older ones are deleted (renamed to {@code .del-...} first, so a half-deleted directory never looks like a
 * checkpoint). One writer per run directory (not enforced).
 */
public final class CheckpointStore {
    private static final Logger LOG = LoggerFactory.getLogger(CheckpointStore.class);
    private static final Pattern STEP_DIR = Pattern.compile("step-(\\d{6,18})");
    /** Name of the best-checkpoint pointer inside {@code checkpoints/}. */
    public static final String BEST_FILE = "best.json";

    private final Path runDir;
    private final Path dir;
    private final int keepLast;

    /**
     * Opens (creating) {@code <runDir>/checkpoints} and cleans up after an interrupted save.
     *
     * @param keepLast how many of the newest checkpoints to keep (>= 1)
     */
    public CheckpointStore(Path runDir, int keepLast) {
        if (keepLast < 1) {
            throw new IllegalArgumentException("keepLast must be at least 1, got " + keepLast);
        }
        this.runDir = runDir.toAbsolutePath().normalize();
        this.dir = this.runDir.resolve("checkpoints");
        this.keepLast = keepLast;
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw io("cannot create " + dir, e);
        }
        recover();
    }

    /** The run directory. */
    public Path runDirectory() {
        return runDir;
    }

    /** {@code <run>/checkpoints}. */
    public Path directory() {
        return dir;
    }

    /** {@code step-000123}: six digits at least, so names sort by step up to a million steps. */
    public static String dirName(long step) {
        if (step < 0) {
            throw new IllegalArgumentException("negative step " + step);
        }
        return String.format(Locale.ROOT, "step-%06d", step);
    }

    /**
     * Writes the checkpoint of {@code step} atomically, then prunes old ones.
     *
     * @throws VoxtokException ENVIRONMENT when writing fails (nothing of the new checkpoint is left behind); an
     *                         unchecked exception of the writer passes through after the clean-up
     */
    public Checkpoint save(long step, CheckpointWriter writer) {
        String name = dirName(step);
        Path target = dir.resolve(name);
        Path tmp = null;
        try {
            tmp = Files.createTempDirectory(dir, ".tmp-" + name + "-");
            writer.write(tmp);
            syncTree(tmp);
            if (Files.exists(target)) {
                Path old = dir.resolve(".old-" + name);
                deleteTree(old);
                move(target, old);
                move(tmp, target);
                tmp = null;
                deleteTree(old);
            } else {
                move(tmp, target);
                tmp = null;
            }
            syncDir(dir);
        } catch (IOException e) {
            throw io("cannot write checkpoint " + target, e);
        } finally {
            if (tmp != null) {
                try {
                    deleteTree(tmp);
                } catch (IOException ignored) {
                    // the original failure matters more; the next open removes the leftover
                }
            }
        }
        LOG.info("checkpoint {}", target);
        prune();
        return new Checkpoint(step, target);
    }

    /**
     * Records the checkpoint of {@code step} as the best so far ({@code best.json}, written atomically) and prunes.
     *
     * @throws VoxtokException USER_INPUT when there is no checkpoint of that step
     */
    public void markBest(long step, String metric, double value) {
        if (!Files.isDirectory(dir.resolve(dirName(step)))) {
            throw VoxtokException.userInput("no checkpoint of step " + step + " in " + dir + " to mark as best");
        }
        AtomicFiles.writeString(dir.resolve(BEST_FILE), "{\"step\": " + step + ", \"metric\": " + Json.quote(metric)
                + ", \"value\": " + (Double.isFinite(value) ? Double.toString(value) : "null") + "}\n");
        prune();
    }

    /** All complete checkpoints, oldest first. */
    public List<Checkpoint> list() {
        List<Checkpoint> out = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                Matcher m = STEP_DIR.matcher(p.getFileName().toString());
                if (m.matches() && Files.isDirectory(p)) {
                    out.add(new Checkpoint(Long.parseLong(m.group(1)), p));
                }
            }
        } catch (IOException e) {
            throw io("cannot list " + dir, e);
        }
        out.sort(Comparator.comparingLong(Checkpoint::step));
        return out;
    }

    /** The checkpoint with the highest step. */
    public Optional<Checkpoint> latest() {
        List<Checkpoint> all = list();
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
    }

    /**
     * The checkpoint a {@code --resume} continues from: the latest one.
     *
     * @throws VoxtokException (user input) naming the run directory when it has no checkpoint yet
     */
    public Checkpoint latestForResume() {
        return latest().orElseThrow(() -> VoxtokException.userInput("--resume: " + runDir + " has no checkpoint yet"));
    }

    /** The checkpoint of {@code step}, if it exists. */
    public Optional<Checkpoint> at(long step) {
        Path p = dir.resolve(dirName(step));
        return Files.isDirectory(p) ? Optional.of(new Checkpoint(step, p)) : Optional.empty();
    }

    /** The step {@code best.json} names, if any. */
    public Optional<Long> bestStep() {
        Path f = dir.resolve(BEST_FILE);
        if (!Files.isRegularFile(f)) {
            return Optional.empty();
        }
        Map<String, Object> o = Json.readObject(f);
        if (!(o.get("step") instanceof Long s)) {
            throw VoxtokException.userInput(f + ": needs an integer 'step'");
        }
        return Optional.of(s);
    }

    /** The best checkpoint, if one was marked and still exists. */
    public Optional<Checkpoint> best() {
        return bestStep().flatMap(this::at);
    }

    /**
     * Resolves what a user names: {@code latest}, {@code best}, a step number or a checkpoint directory.
     *
     * @throws VoxtokException USER_INPUT naming the store when there is no such checkpoint
     */
    public Checkpoint resolve(String ref) {
        Optional<Checkpoint> c;
        if (ref.equals("latest")) {
            c = latest();
        } else if (ref.equals("best")) {
            c = best();
        } else if (ref.matches("\\d{1,18}")) {
            c = at(Long.parseLong(ref));
        } else {
            Matcher m = STEP_DIR.matcher(Path.of(ref).getFileName().toString());
            Path p = Path.of(ref).toAbsolutePath().normalize();
            c = m.matches() && Files.isDirectory(p) ? Optional.of(new Checkpoint(Long.parseLong(m.group(1)), p))
                    : Optional.empty();
        }
        return c.orElseThrow(() -> VoxtokException.userInput("no checkpoint '" + ref + "' in " + dir
                + " (have: " + list().stream().map(x -> Long.toString(x.step())).toList() + ")"));
    }

    private void prune() {
        List<Checkpoint> all = list();
        Set<Long> keep = new HashSet<>();
        for (int i = Math.max(0, all.size() - keepLast); i < all.size(); i++) {
            keep.add(all.get(i).step());
        }
        bestStep().ifPresent(keep::add);
        for (Checkpoint c : all) {
            if (!keep.contains(c.step())) {
                try {
                    Path doomed = dir.resolve(".del-" + c.directory().getFileName());
                    deleteTree(doomed);
                    move(c.directory(), doomed);
                    deleteTree(doomed);
                } catch (IOException e) {
                    LOG.warn("cannot delete old checkpoint {}: {}", c.directory(), e.toString());
                }
            }
        }
    }

    /** Removes leftovers of interrupted saves and deletions; puts back a checkpoint whose swap was interrupted. */
    private void recover() {
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, ".*")) {
            for (Path p : ds) {
                String n = p.getFileName().toString();
                if (n.startsWith(".old-") && STEP_DIR.matcher(n.substring(5)).matches()
                        && !Files.exists(dir.resolve(n.substring(5)))) {
                    move(p, dir.resolve(n.substring(5)));
                    LOG.warn("restored {} (a re-save of that step was interrupted)", dir.resolve(n.substring(5)));
                } else if (n.startsWith(".tmp-") || n.startsWith(".old-") || n.startsWith(".del-")) {
                    deleteTree(p);
                    LOG.info("removed {} left by an interrupted run", p);
                }
            }
        } catch (IOException e) {
            throw io("cannot clean up " + dir, e);
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }

    private static void syncTree(Path root) throws IOException {
        List<Path> dirs = new ArrayList<>();
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                if (Files.isRegularFile(p)) {
                    // READ: fsync works on a read-only descriptor, and the trainer may have made the file read-only
                    try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ)) {
                        ch.force(true);
                    }
                } else if (Files.isDirectory(p)) {
                    dirs.add(p);
                }
            }
        }
        for (Path d : dirs) {
            syncDir(d);
        }
    }

    /** fsync of a directory, so renames and new entries in it survive a power loss; a no-op where refused. */
    private static void syncDir(Path d) {
        try (FileChannel ch = FileChannel.open(d, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            // some platforms (Windows) cannot open directories; the rename is still atomic there
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> s = Files.walk(root)) {
            List<Path> all = s.sorted(Comparator.reverseOrder()).toList();
            for (Path p : all) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static VoxtokException io(String what, IOException e) {
        return new VoxtokException(ErrorKind.ENVIRONMENT, what + ": " + e, e);
    }
}
