package io.voxtok.modelio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.voxtok.api.ErrorKind;
import io.voxtok.api.VoxtokException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Atomic writes: complete files only, readable by others, nothing left behind on failure, clear errors. */
class AtomicFilesTest {
    @TempDir
    Path dir;

    @Test
    void writesCreatesFoldersAndReplaces() throws IOException {
        Path out = dir.resolve("a/b/out.txt");
        AtomicFiles.writeString(out, "first");
        AtomicFiles.write(out, o -> {
            o.write("sec".getBytes(StandardCharsets.UTF_8));
            o.close(); // ignored: the writer still flushes the file to disk before moving it
            o.write("ond".getBytes(StandardCharsets.UTF_8));
        });
        assertEquals("second", Files.readString(out));
        assertEquals(List.of(out), listing(out.getParent()));
    }

    @Test
    void newFilesAreReadableByOthersAndReplacedFilesKeepTheirMode() throws IOException {
        assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"), "POSIX file system only");
        Path out = dir.resolve("shared.bin");
        AtomicFiles.write(out, o -> o.write(1));
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(out)));
        Files.setPosixFilePermissions(out, PosixFilePermissions.fromString("rw-rw----"));
        AtomicFiles.writeString(out, "again");
        assertEquals("rw-rw----", PosixFilePermissions.toString(Files.getPosixFilePermissions(out)));
    }

    @Test
    void failingContentLeavesTheOldFileAndNoTemporaryFile() throws IOException {
        Path out = Files.writeString(dir.resolve("keep.txt"), "old");
        IllegalStateException boom = new IllegalStateException("boom");
        assertSame(boom, assertThrows(IllegalStateException.class, () -> AtomicFiles.write(out, o -> {
            o.write(new byte[100_000]);
            throw boom;
        })));
        VoxtokException io = assertThrows(VoxtokException.class, () -> AtomicFiles.write(out, o -> {
            throw new IOException("disk full");
        }));
        assertEquals(ErrorKind.ENVIRONMENT, io.kind());
        assertEquals(out + ": cannot write: IOException disk full", io.getMessage());
        assertEquals("old", Files.readString(out));
        assertEquals(List.of(out), listing(dir));
    }

    @Test
    void pathsThatCannotHoldAFileAreUserInputErrors() throws IOException {
        Path plain = Files.writeString(dir.resolve("plain.txt"), "x");
        VoxtokException underFile = assertThrows(VoxtokException.class,
                () -> AtomicFiles.writeString(plain.resolve("x.json"), "{}"));
        assertEquals(ErrorKind.USER_INPUT, underFile.kind());
        assertTrue(underFile.getMessage().startsWith(plain.resolve("x.json") + ": cannot write: "),
                underFile.getMessage());
        Path taken = Files.createDirectory(dir.resolve("taken"));
        Files.writeString(taken.resolve("inside.txt"), "keep");
        VoxtokException inTheWay = assertThrows(VoxtokException.class, () -> AtomicFiles.writeString(taken, "x"));
        assertEquals(ErrorKind.USER_INPUT, inTheWay.kind());
        assertEquals(taken + ": cannot write: a directory of that name is in the way", inTheWay.getMessage());
        assertEquals(List.of(plain, taken), listing(dir));
    }

    @Test
    void moveIntoReplacesTheTarget() throws IOException {
        Path work = Files.createDirectory(dir.resolve(".work"));
        Path made = Files.writeString(work.resolve("u.wav"), "new");
        Path target = Files.writeString(dir.resolve("u.wav"), "old");
        AtomicFiles.moveInto(made, target);
        assertEquals("new", Files.readString(target));
        assertEquals(List.of(), listing(work));
        VoxtokException e = assertThrows(VoxtokException.class, () -> AtomicFiles.moveInto(made, target));
        assertEquals(ErrorKind.USER_INPUT, e.kind(), "a missing source is a bad path");
    }

    private static List<Path> listing(Path folder) throws IOException {
        try (Stream<Path> s = Files.list(folder)) {
            return s.sorted().toList();
        }
    }
}
