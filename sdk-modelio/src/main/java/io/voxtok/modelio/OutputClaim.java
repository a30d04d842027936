package io.voxtok.modelio;

import io.voxtok.api.ErrorKind;
import io.voxtok.api.VoxtokException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A run's claim on the files it is going to write, taken before its long work (loading a model, encoding) begins:
 * the state of each file then is recorded, and {@link AtomicFiles#write} refuses to move its result over a claimed
 * file that someone else changed since. Two processes started on the same output both compute for minutes and
 * write within milliseconds of their ends, so a lock held only while writing rarely sees them overlap; the one
 * finishing second now finds the first one's file and fails, naming it, instead of silently replacing it. Each
 * write of the claiming run updates the recorded state, so a run may rewrite its own files.
 *
 * <p>Claims live in this process until {@link #close()}. Thread-safe.
 */
public final class OutputClaim implements AutoCloseable {
    private static final Map<Path, FileStamp> CLAIMED = new ConcurrentHashMap<>();

    private final List<Path> targets;

    private OutputClaim(List<Path> targets) {
        this.targets = targets;
    }

    /**
     * Claims {@code targets} for this run.
     *
     * @throws VoxtokException USER_INPUT naming the file when another run of this process claims one already
     */
    public static OutputClaim of(Collection<Path> targets) {
        List<Path> taken = new ArrayList<>(targets.size());
        for (Path t : targets) {
            Path abs = key(t);
            if (CLAIMED.putIfAbsent(abs, FileStamp.of(abs)) != null) {
                if (taken.contains(abs)) {
                    continue; // listed twice by the caller: one claim
                }
                taken.forEach(CLAIMED::remove);
                throw new VoxtokException(ErrorKind.USER_INPUT, t + ": cannot write: another run of this process is"
                        + " writing it");
            }
            taken.add(abs);
        }
        return new OutputClaim(List.copyOf(taken));
    }

    /**
     * Whether {@code file} is claimed by a run of this process and was changed since by someone else (not by a
     * write of that run): its content is then another writer's, which a run must neither replace nor delete.
     */
    public static boolean changedByOthers(Path file) {
        FileStamp recorded = CLAIMED.get(key(file));
        return recorded != null && !recorded.equals(FileStamp.of(key(file)));
    }

    /**
     * Refuses to replace a claimed file that someone else changed since it was claimed or last written by this run.
     * Called with the target's write lock held, so no writer that takes it can slip in between.
     */
    static void requireUnchanged(Path target) {
        if (changedByOthers(target)) {
            throw new VoxtokException(ErrorKind.USER_INPUT, target + ": not written: another process wrote it while"
                    + " this run was working on it; that output is kept and this one is dropped (run one writer per"
                    + " output file)");
        }
    }

    /** Records the state of a claimed file this run just wrote. */
    static void written(Path target) {
        CLAIMED.computeIfPresent(key(target), (k, old) -> FileStamp.of(k));
    }

    /** Releases the claims. */
    @Override
    public void close() {
        targets.forEach(CLAIMED::remove);
    }

    private static Path key(Path p) {
        return p.toAbsolutePath().normalize();
    }
}
