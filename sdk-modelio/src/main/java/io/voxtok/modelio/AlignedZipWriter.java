package io.voxtok.modelio;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.CRC32;

/**
 * Writes a zip archive of uncompressed (STORED) records whose data start at multiples of {@value #ALIGNMENT} bytes,
 * the layout of PyTorch's own archive writer: each local header carries an extra field with id {@code "FB"} whose
 * only purpose is padding, so readers (and {@code torch.load(..., mmap=True)} in newer PyTorch) can map a storage
 * straight from the file.
 *
 * <p>Unlike PyTorch's writer it puts the CRC and sizes in the local header instead of a trailing data descriptor,
 * which every zip reader accepts and which keeps the file free of optional structures. Zip64 records are written
 * only where a value does not fit the classic fields (an archive past 4 GiB or with 65,535 records or more); a
 * single record is at most 2 GiB, since it comes from one Java buffer, so sizes never need zip64.
 *
 * <p>It streams to the given output and counts offsets itself; nothing is buffered but the central directory.
 */
final class AlignedZipWriter {
    /** Data alignment of every record, PyTorch's {@code kFieldAlignment}. */
    static final int ALIGNMENT = 64;

    private static final int LOCAL_HEADER = 30;
    private static final int PADDING_ID = 'F' | ('B' << 8); // the id PyTorch's writer gives its padding field
    private static final int ZIP64_ID = 0x0001;
    private static final int UTF8_NAMES = 0x0800;
    private static final int DOS_DATE_1980_01_01 = (1 << 5) | 1; // fixed, so equal inputs give equal files
    private static final int VERSION_CLASSIC = 20;
    private static final int VERSION_ZIP64 = 45;
    private static final long CLASSIC_LIMIT = 0xFFFFFFFFL;

    private final OutputStream out;
    private final WritableByteChannel channel;
    private final long zip64Limit;
    private final List<Record> records = new ArrayList<>();
    private final Set<String> names = new HashSet<>();
    private long position;
    private boolean finished;

    /** A record's central directory facts. */
    private record Record(byte[] name, long crc, long size, long offset) {
    }

    /**
     * Writes to {@code out}, which must be at its start (offsets count from the first byte written here).
     *
     * @param zip64Limit offsets and counts at or above this go through zip64 records; tests lower it to exercise
     *                   the zip64 layout without writing 4 GiB; {@code 0xFFFFFFFF} (or more) for real use
     */
    AlignedZipWriter(OutputStream out, long zip64Limit) {
        this.out = out;
        this.channel = Channels.newChannel(out);
        this.zip64Limit = Math.min(zip64Limit, CLASSIC_LIMIT);
    }

    /** Adds a record holding the bytes of {@code data}. */
    void add(String name, byte[] data) throws IOException {
        add(name, ByteBuffer.wrap(data));
    }

    /** Adds a record holding the remaining bytes of {@code data} (its position is not changed). */
    void add(String name, ByteBuffer data) throws IOException {
        if (finished) {
            throw new IllegalStateException("the archive is already finished");
        }
        if (!names.add(name)) {
            throw new IllegalArgumentException("duplicate zip record " + name);
        }
        byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
        if (nameBytes.length > 0xFFFF) {
            throw new IllegalArgumentException("zip record name longer than 65535 bytes: " + name);
        }
        ByteBuffer bytes = data.duplicate();
        CRC32 crc = new CRC32();
        crc.update(bytes.duplicate());
        long size = bytes.remaining();
        long offset = position;
        // The extra field is at least its 4-byte header; pad it so the data that follows starts aligned.
        long headerEnd = offset + LOCAL_HEADER + nameBytes.length + 4;
        int padding = (int) ((ALIGNMENT - headerEnd % ALIGNMENT) % ALIGNMENT);

        ByteBuffer header = le(LOCAL_HEADER + nameBytes.length + 4 + padding);
        header.putInt(0x04034b50).putShort((short) VERSION_CLASSIC).putShort((short) UTF8_NAMES)
                .putShort((short) 0) // STORED
                .putShort((short) 0).putShort((short) DOS_DATE_1980_01_01)
                .putInt((int) crc.getValue()).putInt((int) size).putInt((int) size)
                .putShort((short) nameBytes.length).putShort((short) (4 + padding))
                .put(nameBytes).putShort((short) PADDING_ID).putShort((short) padding);
        for (int i = 0; i < padding; i++) {
            header.put((byte) 'Z'); // what PyTorch fills its padding with
        }
        write(header.array());
        while (bytes.hasRemaining()) {
            position += channel.write(bytes);
        }
        records.add(new Record(nameBytes, crc.getValue(), size, offset));
    }

    /** Writes the central directory and the end records; the output is then a complete archive. */
    void finish() throws IOException {
        if (finished) {
            return;
        }
        finished = true;
        long cdOffset = position;
        ByteArrayOutputStream cd = new ByteArrayOutputStream();
        for (Record r : records) {
            boolean zip64 = r.offset() >= zip64Limit;
            // A zip64 entry marks its sizes as well as its offset: miniz, PyTorch's zip reader, checks the 32-bit
            // offset whenever the compressed size is not marked, and then rejects the archive as corrupted.
            int sizeField = zip64 ? -1 : (int) r.size();
            ByteBuffer h = le(46 + r.name().length + (zip64 ? 28 : 0));
            h.putInt(0x02014b50).putShort((short) (zip64 ? VERSION_ZIP64 : VERSION_CLASSIC))
                    .putShort((short) (zip64 ? VERSION_ZIP64 : VERSION_CLASSIC)).putShort((short) UTF8_NAMES)
                    .putShort((short) 0).putShort((short) 0).putShort((short) DOS_DATE_1980_01_01)
                    .putInt((int) r.crc()).putInt(sizeField).putInt(sizeField)
                    .putShort((short) r.name().length).putShort((short) (zip64 ? 28 : 0))
                    .putShort((short) 0) // comment
                    .putShort((short) 0) // disk
                    .putShort((short) 0).putInt(0) // internal, external attributes
                    .putInt(zip64 ? -1 : (int) r.offset())
                    .put(r.name());
            if (zip64) {
                // The fields set to 0xFFFFFFFF above, in the order the format fixes: size, compressed size, offset.
                h.putShort((short) ZIP64_ID).putShort((short) 24).putLong(r.size()).putLong(r.size())
                        .putLong(r.offset());
            }
            cd.writeBytes(h.array());
        }
        write(cd.toByteArray());
        long cdSize = cd.size();
        long count = records.size();
        boolean zip64 = count >= Math.min(0xFFFF, zip64Limit) || cdOffset >= zip64Limit || cdSize >= zip64Limit;
        if (zip64) {
            long zip64EndOffset = position;
            ByteBuffer end64 = le(56 + 20);
            end64.putInt(0x06064b50).putLong(44).putShort((short) VERSION_ZIP64).putShort((short) VERSION_ZIP64)
                    .putInt(0).putInt(0).putLong(count).putLong(count).putLong(cdSize).putLong(cdOffset);
            end64.putInt(0x07064b50).putInt(0).putLong(zip64EndOffset).putInt(1); // locator
            write(end64.array());
        }
        ByteBuffer end = le(22);
        end.putInt(0x06054b50).putShort((short) 0).putShort((short) 0)
                .putShort((short) (zip64 ? 0xFFFF : count)).putShort((short) (zip64 ? 0xFFFF : count))
                .putInt(zip64 ? -1 : (int) cdSize).putInt(zip64 ? -1 : (int) cdOffset).putShort((short) 0);
        write(end.array());
        out.flush();
    }

    private void write(byte[] bytes) throws IOException {
        out.write(bytes);
        position += bytes.length;
    }

    private static ByteBuffer le(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }
}
