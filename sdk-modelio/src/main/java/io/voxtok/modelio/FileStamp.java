package io.voxtok.modelio;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.concurrent.TimeUnit;

/**
 * What a file is at one moment, cheaply: whether it exists, its identity (device and inode where the file system
 * has one: a file moved over it gets a new one), size and modification time. Two stamps of one path differ when
 * someone replaced or changed the file in between. Immutable.
 *
 * @param exists   whether there was a file
 * @param fileKey  the file system's identity of the file, or null when it has none
 * @param size     bytes
 * @param modified modification time in nanoseconds since the epoch
 */
record FileStamp(boolean exists, Object fileKey, long size, long modified) {
    /** The stamp of {@code path} now; a missing or unreadable file counts as absent. */
    static FileStamp of(Path path) {
        try {
            BasicFileAttributes a = Files.readAttributes(path, BasicFileAttributes.class);
            return new FileStamp(true, a.fileKey(), a.size(), a.lastModifiedTime().to(TimeUnit.NANOSECONDS));
        } catch (IOException e) {
            return new FileStamp(false, null, 0, 0);
        }
    }
}
