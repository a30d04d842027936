package io.voxtok.modelio;

import io.voxtok.api.ErrorKind;
import io.voxtok.api.VoxtokException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;

/**
 * An exclusive claim on writing one target file, held by {@link AtomicFiles#write} from the start of a write until
 * the new file is in place, so that two processes writing one path cannot both succeed silently: the second one fails
 * at once, naming the file, and the first one's output stands. Threads of one process take turns instead.
 *
 * <p>Across processes the claim is an OS lock on a hidden file next to the target, {@code .<target name>.writelock},
 * which the holder deletes before releasing it. A writer that finds the lock file it locked already deleted (its
 * previous holder just finished) starts again with the file now at that path, so a deleted lock file never lets two
 * writers in: the holder marks the file it locked with a random size and checks that the path shows that size. Only
 * one byte far beyond any content is locked. Within one process, only the thread whose turn it is opens the lock
 * file: a second channel to it would drop the process's lock on POSIX systems when closed.
 *
 * <p>A SIGKILL while writing leaves the lock file without a holder; {@link AtomicFiles#removeStaleTemporaries}
 * deletes it, and a writer simply takes it over. On a file system without locks the claim covers this process only.
 */
final class WriteLock implements AutoCloseable {
    /** The byte locked: far past any content, so reading the content is never blocked by the lock. */
    static final long REGION = 1L << 40;
    private static final String SUFFIX = ".writelock";
    private static final Pattern NAME = Pattern.compile("\\..+\\.writelock");
    private static final int ATTEMPTS = 5;
    /** Random sizes a lock file is marked with (see stillAtPath). */
    private static final int MARK_RANGE = 1 << 16;

    private final Local local;
    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;

    private WriteLock(Local local, Path file, FileChannel channel, FileLock lock) {
        this.local = local;
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    /** The lock file of {@code target}: {@code .<name>.writelock} in its folder. */
    static Path fileFor(Path target) {
        Path abs = target.toAbsolutePath().normalize();
        return abs.resolveSibling("." + abs.getFileName() + SUFFIX);
    }

    /** Whether {@code name} has the form of a lock file, {@code .<target>.writelock}. */
    static boolean isLockName(String name) {
        return NAME.matcher(name).matches();
    }

    /** Whether a writer in this process holds the lock file {@code lockFile}. */
    static boolean heldHere(Path lockFile) {
        String name = lockFile.getFileName().toString();
        Path target = lockFile.toAbsolutePath().normalize()
                .resolveSibling(name.substring(1, name.length() - SUFFIX.length()));
        return Local.active(target);
    }

    /**
     * Claims writing {@code target} (its folder must exist).
     *
     * @throws VoxtokException USER_INPUT naming the target when another process is writing it (another thread of this
     *                         process is waited for)
     */
    static WriteLock acquire(Path target) throws IOException {
        Path abs = target.toAbsolutePath().normalize();
        Local local = Local.enter(abs);
        try {
            Path file = fileFor(abs);
            for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
                FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock lock;
                try {
                    lock = ch.tryLock(REGION, 1, false);
                } catch (IOException | UnsupportedOperationException | OverlappingFileLockException e) {
                    // no locks on this file system (or this process locked the file outside this class): only the
                    // in-process lock protects the target
                    ch.close();
                    return new WriteLock(local, file, null, null);
                }
                if (lock == null) {
                    ch.close();
                    throw conflict(target, "another process is writing it at the same time (it holds "
                            + file.getFileName() + ")");
                }
                if (stillAtPath(ch, file)) {
                    return new WriteLock(local, file, ch, lock);
                }
                lock.release();
                ch.close();
            }
            throw conflict(target, "other processes keep writing it at the same time");
        } catch (IOException | RuntimeException e) {
            local.leave();
            throw e;
        }
    }

    /**
     * Whether the path still names the file this channel locked. Marks the file with a random size (one byte written
     * at a random offset below {@link #MARK_RANGE}; sparse where the file system allows) and compares the size the
     * path shows: only metadata is read, because opening a second channel to the file and closing it would drop
     * this process's lock on POSIX systems. A file another writer created at the path meanwhile has size 0 or its own
     * random mark.
     */
    private static boolean stillAtPath(FileChannel ch, Path file) throws IOException {
        long mark = ThreadLocalRandom.current().nextInt(MARK_RANGE);
        ch.truncate(0);
        ch.write(ByteBuffer.wrap(new byte[] {1}), mark);
        try {
            return Files.readAttributes(file, BasicFileAttributes.class).size() == mark + 1;
        } catch (NoSuchFileException e) {
            return false;
        }
    }

    private static VoxtokException conflict(Path target, String why) {
        return new VoxtokException(ErrorKind.USER_INPUT, target + ": cannot write: " + why + "; that writer's"
                + " output is kept and this one is not written (run one writer per output file)");
    }

    /** Deletes the lock file, then releases it (in that order: see the class comment). */
    @Override
    public void close() {
        try {
            if (lock != null) {
                Files.deleteIfExists(file);
                lock.release();
                channel.close();
            } else {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            // a lock file left behind is stale once this process ends, and removed by the next sweep
        } finally {
            local.leave();
        }
    }

    /**
     * The in-process part of a claim: threads of this process writing one target take turns (the later one then
     * replaces the earlier one's file, as a rewrite does), and only one of them at a time touches the lock file.
     */
    private static final class Local {
        private static final Map<Path, Local> ACTIVE = new ConcurrentHashMap<>();
        private final Path target;
        private final ReentrantLock turn = new ReentrantLock();
        private int users; // guarded by ACTIVE.compute

        private Local(Path target) {
            this.target = target;
        }

        static Local enter(Path target) {
            Local l = ACTIVE.compute(target, (k, v) -> {
                Local x = v == null ? new Local(k) : v;
                x.users++;
                return x;
            });
            l.turn.lock();
            return l;
        }

        void leave() {
            turn.unlock();
            ACTIVE.compute(target, (k, v) -> --v.users == 0 ? null : v);
        }

        static boolean active(Path target) {
            return ACTIVE.containsKey(target);
        }
    }
}
