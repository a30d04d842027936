package io.voxtok.audio;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Checks a FLAC file's metadata blocks against the file before jflac reads them. jflac allocates arrays from
 * declared lengths (a Vorbis comment's vendor string, a picture's data) without comparing them with the file, so a
 * few hostile bytes made it allocate gigabytes (issue #16). Here every declared length must fit in its block, every
 * block in the file, and STREAMINFO's sample rate and sample count must be plausible for a file of this size.
 */
final class FlacMetadataCheck {
    private static final int STREAMINFO = 0;
    private static final int VORBIS_COMMENT = 4;
    private static final int PICTURE = 6;
    /**
     * The fewest bytes one FLAC frame takes: a 6-byte header (sync, block size and rate codes, a 1-byte frame
     * number, CRC-8), one 2-byte constant subframe, and the 2-byte CRC-16.
     */
    private static final long MIN_FRAME_BYTES = 10;
    /** The most samples (per channel) one FLAC frame holds. */
    private static final long MAX_BLOCK_SIZE = 65535;

    private FlacMetadataCheck() {
    }

    /** STREAMINFO's fields this reader relies on. */
    record StreamInfoFields(int sampleRate, int channels, long totalSamples, long fileSize) {
    }

    /**
     * Walks the metadata blocks of {@code file} (which starts with {@code fLaC}).
     *
     * @throws io.voxtok.api.VoxtokException {@code USER_INPUT} naming the file and the field that does not fit
     */
    static StreamInfoFields check(Path file) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            return walk(file, ch);
        } catch (IOException e) {
            throw AudioFileErrors.readFailure(file, e);
        }
    }

    private static StreamInfoFields walk(Path file, FileChannel ch) throws IOException {
        long size = ch.size();
        long pos = 4;
        StreamInfoFields info = null;
        for (int index = 0; ; index++) {
            if (pos + 4 > size) {
                throw AudioFileErrors.badInput(file, "truncated FLAC metadata (block " + index + " header cut off)");
            }
            ByteBuffer head = read(ch, pos, 4, ByteOrder.BIG_ENDIAN);
            int first = head.get(0) & 0xFF;
            boolean last = (first & 0x80) != 0;
            int type = first & 0x7F;
            long length = ((head.get(1) & 0xFFL) << 16) | ((head.get(2) & 0xFFL) << 8) | (head.get(3) & 0xFFL);
            long body = pos + 4;
            if (body + length > size) {
                throw AudioFileErrors.badInput(file, "FLAC metadata block " + index + " (" + name(type) + ") declares "
                        + length + " bytes but only " + (size - body) + " remain in the file");
            }
            if (index == 0) {
                if (type != STREAMINFO || length < 34) {
                    throw AudioFileErrors.badInput(file, "FLAC stream has no STREAMINFO block");
                }
                info = streamInfo(file, read(ch, body, 34, ByteOrder.BIG_ENDIAN), size);
            } else if (type == VORBIS_COMMENT) {
                vorbisComment(file, index, read(ch, body, (int) length, ByteOrder.LITTLE_ENDIAN));
            } else if (type == PICTURE) {
                picture(file, index, read(ch, body, (int) length, ByteOrder.BIG_ENDIAN));
            }
            pos = body + length;
            if (last) {
                return info;
            }
        }
    }

    private static StreamInfoFields streamInfo(Path file, ByteBuffer b, long fileSize) {
        // bytes 10..17: sample rate (20 bits), channels - 1 (3), bits - 1 (5), total samples (36)
        long packed = b.getLong(10);
        long rate = packed >>> 44;
        int channels = (int) ((packed >>> 41) & 0x7) + 1;
        long total = packed & 0xF_FFFF_FFFFL;
        AudioLimits.checkSampleRate(file, "FLAC STREAMINFO", rate);
        long holdable = (fileSize / MIN_FRAME_BYTES + 1) * MAX_BLOCK_SIZE;
        if (total > holdable) {
            throw AudioFileErrors.badInput(file, "FLAC STREAMINFO total samples " + total + " is more than a file of "
                    + fileSize + " bytes can hold");
        }
        return new StreamInfoFields((int) rate, channels, total, fileSize);
    }

    private static void vorbisComment(Path file, int index, ByteBuffer b) {
        String where = "FLAC metadata block " + index + " (VORBIS_COMMENT)";
        int at = lengthPrefixed(file, where, "vendor string length", b, 0);
        if (at + 4 > b.limit()) {
            throw AudioFileErrors.badInput(file, where + ": comment count cut off");
        }
        long count = b.getInt(at) & 0xFFFF_FFFFL;
        at += 4;
        // each comment takes at least its 4-byte length: a count the block cannot hold is refused before jflac
        // allocates an array of that many entries
        if (count > (b.limit() - at) / 4) {
            throw AudioFileErrors.badInput(file, where + ": comment count " + count + " does not fit in its "
                    + b.limit() + " bytes");
        }
        for (long i = 0; i < count; i++) {
            at = lengthPrefixed(file, where, "comment " + i + " length", b, at);
        }
    }

    private static void picture(Path file, int index, ByteBuffer b) {
        String where = "FLAC metadata block " + index + " (PICTURE)";
        int at = 4; // picture type
        at = lengthPrefixed(file, where, "MIME type length", b, at);
        at = lengthPrefixed(file, where, "description length", b, at);
        at += 16; // width, height, depth, colours
        lengthPrefixed(file, where, "picture data length", b, at);
    }

    /** Checks the u32 length at {@code at} and the bytes it announces; returns the position after them. */
    private static int lengthPrefixed(Path file, String where, String field, ByteBuffer b, int at) {
        if (at + 4 > b.limit()) {
            throw AudioFileErrors.badInput(file, where + ": " + field + " cut off");
        }
        long length = b.getInt(at) & 0xFFFF_FFFFL;
        long room = b.limit() - (at + 4L);
        if (length > room) {
            throw AudioFileErrors.badInput(file, where + ": " + field + " " + length + " exceeds the " + room
                    + " bytes left in the block");
        }
        return (int) (at + 4 + length);
    }

    private static String name(int type) {
        switch (type) {
            case 0: return "STREAMINFO";
            case 1: return "PADDING";
            case 2: return "APPLICATION";
            case 3: return "SEEKTABLE";
            case 4: return "VORBIS_COMMENT";
            case 5: return "CUESHEET";
            case 6: return "PICTURE";
            default: return "type " + type;
        }
    }

    private static ByteBuffer read(FileChannel ch, long pos, int n, ByteOrder order) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(n);
        while (b.hasRemaining()) {
            if (ch.read(b, pos + b.position()) < 0) {
                throw new java.io.EOFException("file ended at byte " + (pos + b.position()));
            }
        }
        return b.flip().order(order);
    }
}
