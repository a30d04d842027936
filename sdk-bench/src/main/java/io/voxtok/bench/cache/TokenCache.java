package io.voxtok.bench.cache;

import io.voxtok.api.VoxtokException;
import io.voxtok.api.audio.AudioBuffer;
import io.voxtok.api.token.TokenMatrix;
import io.voxtok.api.token.TokenProducer;
import io.voxtok.modelio.AtomicFiles;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Single-item token matrices on disk, one file per audio content: the key is the SHA-256 of the samples, rate and
 * channels, so a cache entry is valid whatever the utterance is called. Each file is written atomically, so a run
 * killed mid-way leaves only complete entries and the next run continues from them. One cache folder holds the
 * tokens of one subject (tokenizer, weights and layers); the host names the folder after them. Thread-safe.
 */
public final class TokenCache {
    private static final int MAGIC = 0x56544b43; // "VTKC"
    private final Path dir;
    private final TokenProducer producer;
    private final AtomicLong hits = new AtomicLong();
    private final AtomicLong misses = new AtomicLong();

    /** A cache in {@code dir} for tokens of {@code producer}. */
    public TokenCache(Path dir, TokenProducer producer) {
        this.dir = dir;
        this.producer = producer;
    }

    /** The folder. */
    public Path directory() {
        return dir;
    }

    /** Entries found so far. */
    public long hits() {
        return hits.get();
    }

    /** Entries computed so far. */
    public long misses() {
        return misses.get();
    }

    /** The content key of {@code audio}. */
    public static String key(AudioBuffer audio) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            ByteBuffer b = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            b.putInt(audio.sampleRate()).putInt(audio.channels());
            d.update(b.array());
            float[] x = audio.toArray();
            ByteBuffer s = ByteBuffer.allocate(x.length * 4).order(ByteOrder.LITTLE_ENDIAN);
            s.asFloatBuffer().put(x);
            d.update(s.array());
            return HexFormat.of().formatHex(d.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The cached tokens of {@code key}, if present. */
    public Optional<TokenMatrix> get(String key) {
        Path f = dir.resolve(key + ".tok");
        if (!Files.isRegularFile(f)) {
            return Optional.empty();
        }
        try (InputStream in = Files.newInputStream(f); DataInputStream d = new DataInputStream(in)) {
            if (d.readInt() != MAGIC) {
                throw VoxtokException.userInput(f + ": not a token cache entry; delete the cache folder " + dir);
            }
            int layers = d.readInt();
            int frames = d.readInt();
            int first = d.readInt();
            int k = d.readInt();
            double rate = d.readDouble();
            int[][] codes = new int[layers][frames];
            for (int l = 0; l < layers; l++) {
                for (int t = 0; t < frames; t++) {
                    codes[l][t] = d.readInt();
                }
            }
            hits.incrementAndGet();
            return Optional.of(TokenMatrix.single(codes, first, k, rate, producer));
        } catch (IOException e) {
            throw VoxtokException.userInput(f + ": unreadable token cache entry (" + e.getMessage()
                    + "); delete it to recompute");
        }
    }

    /** Stores the single-item {@code tokens} under {@code key}, atomically. */
    public void put(String key, TokenMatrix tokens) {
        misses.incrementAndGet();
        int[][] codes = tokens.itemCodes(0);
        AtomicFiles.write(dir.resolve(key + ".tok"), out -> {
            DataOutputStream d = new DataOutputStream(out);
            d.writeInt(MAGIC);
            d.writeInt(codes.length);
            d.writeInt(codes.length == 0 ? 0 : codes[0].length);
            d.writeInt(tokens.firstLayer());
            d.writeInt(tokens.codebookSize());
            d.writeDouble(tokens.frameRate());
            for (int[] row : codes) {
                for (int c : row) {
                    d.writeInt(c);
                }
            }
            d.flush();
        });
    }
}
