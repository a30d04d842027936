package io.voxtok.modelio;

import io.voxtok.api.ErrorKind;
import io.voxtok.api.VoxtokException;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Writes files so that readers see either the old file or the complete new one, never a partial file: the content
 * goes to a hidden temporary file in the target's folder, is flushed to disk, and the temporary file is moved over
 * the target ({@code ATOMIC_MOVE}, or a plain replacing move where the file system cannot move atomically). On any
 * failure the temporary file is deleted and the target is left as it was. Missing parent folders are created.
 *
 * <p>Temporary files are created owner-only (0600); before the move the file gets the permissions of the file it
 * replaces, or {@code rw-r--r--} for a new file, where the file system is POSIX, so outputs stay readable by others.
 *
 * <p>A temporary file is named {@code .<target name>.<digits>.tmp} and its writer holds an exclusive lock on it from
 * creation until it has been moved over the target. A process killed while writing (SIGKILL, power loss) leaves
 * such a file behind with nobody holding its lock, which is how {@link #removeStaleTemporaries(Path)} tells it from
 * a file another process is still writing.
 *
 * <p>Two writers of one target never both succeed silently: a write holds the target's {@link WriteLock}
 * ({@code .<target name>.writelock} next to it, deleted when done) from start to move, so a second process writing
 * it meanwhile fails at once (threads of one process take turns); and a target claimed by a run ({@link OutputClaim})
 * is not replaced when someone else changed it since the claim. Either loser's error names the target and the
 * winner's file is kept.
 *
 * <p>Errors are {@link VoxtokException}s whose message starts with {@code "<target>: cannot write"}: a path that
 * cannot hold a file (its parent is a file, a directory is in the way) is {@link ErrorKind#USER_INPUT}; a refused
 * permission, a full disk and other I/O failures are {@link ErrorKind#ENVIRONMENT}.
 */
public final class AtomicFiles {
    private static final Set<PosixFilePermission> NEW_FILE = PosixFilePermissions.fromString("rw-r--r--");
    private static final String TEMP_SUFFIX = ".tmp";
    /** {@code Files.createTempFile(dir, "." + name + ".", ".tmp")} puts an unsigned random number in the middle. */
    private static final Pattern TEMP_NAME = Pattern.compile("\\..+\\.[0-9]+\\.tmp");

    /** Writes a file's whole content. */
    @FunctionalInterface
    public interface Content {
        /**
         * Writes everything to {@code out} (buffered). Closing {@code out} is ignored: the writer still has to
         * flush the file to disk before moving it.
         */
        void writeTo(OutputStream out) throws IOException;
    }

    private AtomicFiles() {
    }

    /**
     * Writes {@code target} atomically, replacing any existing file.
     *
     * @throws VoxtokException for I/O failures (see the class comment); exceptions thrown by {@code content} other
     *     than {@link IOException} pass through unchanged, the temporary file deleted
     */
    public static void write(Path target, Content content) {
        Path abs = target.toAbsolutePath();
        Path dir = abs.getParent();
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new VoxtokException(ErrorKind.USER_INPUT, target + ": cannot write: " + dir + " is not a directory");
        }
        Path tmp = null;
        try {
            Files.createDirectories(dir);
            try (WriteLock claim = WriteLock.acquire(abs)) {
                tmp = Files.createTempFile(dir, "." + abs.getFileName() + ".", TEMP_SUFFIX);
                try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                    // Held until the move: a sweep by another process sees the file is alive (removeStaleTemporaries).
                    lockQuietly(ch);
                    OutputStream out = new BufferedOutputStream(Channels.newOutputStream(ch), 1 << 16);
                    content.writeTo(new KeepOpen(out));
                    out.flush();
                    ch.force(true);
                    setPermissions(tmp, abs);
                    OutputClaim.requireUnchanged(abs);
                    // Moved while still open and locked; POSIX renames open files, and Java opens files on Windows
                    // with delete sharing, so the move works there too.
                    move(tmp, abs);
                    tmp = null;
                    OutputClaim.written(abs);
                }
            }
        } catch (IOException e) {
            throw failure(target, e);
        } finally {
            deleteQuietly(tmp);
        }
    }

    /** Writes {@code text} as UTF-8 to {@code target} atomically (see {@link #write(Path, Content)}). */
    public static void writeString(Path target, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        write(target, out -> out.write(bytes));
    }

    /**
     * Moves a complete file (for example one written by an external tool into a work folder on the same file
     * system) over {@code target} atomically where the file system allows, creating the target's parent folders.
     *
     * @throws VoxtokException as {@link #write(Path, Content)}
     */
    public static void moveInto(Path source, Path target) {
        Path abs = target.toAbsolutePath();
        try {
            Files.createDirectories(abs.getParent());
            move(source, abs);
        } catch (IOException e) {
            throw failure(target, e);
        }
    }

    /**
     * Deletes the temporary files and write-lock files ({@code .<target>.writelock}) that interrupted writes left in
     * {@code directory} (not in its sub-folders): files named like them whose lock nobody holds. Files another process is still writing are
     * locked and stay. Best effort: a directory that cannot be listed or a file that cannot be inspected or
     * deleted is left as it is, never an error (the run that follows writes its own, new temporary files). A
     * missing directory has nothing to clean.
     *
     * <p>Within one JVM, call it before writing into the directory, not while another thread writes there: on
     * POSIX systems closing any channel to a file drops all of the process's locks on it.
     *
     * @return the files deleted, in name order
     */
    public static List<Path> removeStaleTemporaries(Path directory) {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        List<Path> candidates;
        try (Stream<Path> s = Files.list(directory)) {
            candidates = s.filter(p -> isTemporaryName(p.getFileName().toString())
                            || WriteLock.isLockName(p.getFileName().toString()))
                    .filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
        List<Path> removed = new ArrayList<>();
        for (Path p : candidates) {
            boolean lockFile = WriteLock.isLockName(p.getFileName().toString());
            if (lockFile && WriteLock.heldHere(p)) {
                continue; // a write of this process: a second channel would drop its lock when closed
            }
            try (FileChannel ch = FileChannel.open(p, StandardOpenOption.WRITE)) {
                FileLock lock = lockFile ? ch.tryLock(WriteLock.REGION, 1, false) : ch.tryLock();
                if (lock == null) {
                    continue; // another process is writing it
                }
                Files.delete(p);
                removed.add(p);
            } catch (OverlappingFileLockException e) {
                // this JVM is writing it
            } catch (IOException e) {
                // left in place: see the method comment
            }
        }
        return removed;
    }

    /** Whether {@code name} has the form of this class's temporary files, {@code .<target>.<digits>.tmp}. */
    public static boolean isTemporaryName(String name) {
        return TEMP_NAME.matcher(name).matches();
    }

    private static void lockQuietly(FileChannel ch) {
        try {
            ch.tryLock();
        } catch (IOException | OverlappingFileLockException | UnsupportedOperationException e) {
            // Some file systems have no locks; the write itself must not fail for that. A sweep may then take the
            // file for stale, and the move fails loudly instead of losing data silently.
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void setPermissions(Path tmp, Path target) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(tmp, PosixFileAttributeView.class);
        if (view == null) {
            return; // not POSIX: the file system's own defaults apply
        }
        Set<PosixFilePermission> perms = NEW_FILE;
        if (Files.isRegularFile(target)) {
            PosixFileAttributeView old = Files.getFileAttributeView(target, PosixFileAttributeView.class);
            if (old != null) {
                perms = old.readAttributes().permissions();
            }
        }
        view.setPermissions(perms);
    }

    private static VoxtokException failure(Path target, IOException e) {
        if (Files.isDirectory(target)) {
            return new VoxtokException(ErrorKind.USER_INPUT,
                    target + ": cannot write: a directory of that name is in the way", e);
        }
        boolean badPath = e instanceof NoSuchFileException || e instanceof NotDirectoryException
                || e instanceof FileAlreadyExistsException || e instanceof DirectoryNotEmptyException;
        String detail = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage());
        return new VoxtokException(badPath ? ErrorKind.USER_INPUT : ErrorKind.ENVIRONMENT,
                target + ": cannot write: " + detail, e);
    }

    private static void deleteQuietly(Path tmp) {
        if (tmp == null) {
            return;
        }
        try {
            Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
            // the original error matters more than a leftover hidden *.tmp file
        }
    }

    /** Passes writes through and turns {@code close()} into {@code flush()}, so content cannot close the file early. */
    private static final class KeepOpen extends OutputStream {
        private final OutputStream out;

        KeepOpen(OutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }

        @Override
        public void close() throws IOException {
            out.flush();
        }
    }
}
