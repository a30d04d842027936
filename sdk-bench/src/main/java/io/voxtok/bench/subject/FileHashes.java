package io.voxtok.bench.subject;

import io.voxtok.api.VoxtokException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** SHA-256 of files, for fingerprints and the run manifest. */
public final class FileHashes {
    private FileHashes() {
    }

    /** The SHA-256 of one file, hex. */
    public static String sha256(Path file) {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest())) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (IOException e) {
            throw VoxtokException.userInput(file + ": cannot read to hash: " + e.getMessage());
        }
    }

    /** The SHA-256 of a string, hex. */
    public static String sha256(String text) {
        return HexFormat.of().formatHex(digest().digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    /** Every regular file directly in {@code dir} (or {@code dir} itself when a file) with its hash, by path. */
    public static Map<String, String> ofModel(Path dir) {
        Map<String, String> out = new TreeMap<>();
        if (Files.isRegularFile(dir)) {
            out.put(dir.toAbsolutePath().normalize().toString(), sha256(dir));
            return out;
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw VoxtokException.userInput(dir + ": cannot list the model folder: " + e.getMessage());
        }
        for (Path f : files) {
            out.put(f.toAbsolutePath().normalize().toString(), sha256(f));
        }
        return out;
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
