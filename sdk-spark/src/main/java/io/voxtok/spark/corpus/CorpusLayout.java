package io.voxtok.spark.corpus;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.stream.Stream;

/** How a corpus on disk is organised, and so how its utterances and their ids are listed. */
public enum CorpusLayout {
    /** Every WAV/FLAC file under a folder, recursively (following links); the id is the path relative to the folder, without extension. */
    DIR,
    /** A JSON Lines manifest ({@code io.voxtok.data.ManifestDataset}); ids from the manifest. */
    MANIFEST,
    /** LibriSpeech: {@code <subset>/<speaker>/<chapter>/*.trans.txt} beside the FLAC files. */
    LIBRISPEECH,
    /** LibriTTS: {@code <subset>/<speaker>/<chapter>/<id>.wav} with {@code <id>.normalized.txt}. */
    LIBRITTS,
    /** VCTK 0.80 / 0.92: {@code txt/<speaker>/} and {@code wav48/} or {@code wav48_silence_trimmed/}. */
    VCTK;

    /** Folder depth searched for LibriSpeech/LibriTTS transcript files when guessing a layout. */
    private static final int PROBE_DEPTH = 4;

    /** Parses {@code auto} (returns null) or a layout name, case-insensitively. */
    public static CorpusLayout parse(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        if (n.equals("auto")) {
            return null;
        }
        for (CorpusLayout l : values()) {
            if (l.name().toLowerCase(Locale.ROOT).equals(n)) {
                return l;
            }
        }
        throw new IllegalArgumentException("--layout must be auto, dir, manifest, librispeech, libritts or vctk, got " + name);
    }

    /**
     * Guesses the layout of {@code input}: a {@code .jsonl}/{@code .json} file is a manifest; a folder with
     * {@code txt/} and {@code wav48*} is VCTK; one with {@code *.trans.txt} files a few levels down LibriSpeech,
     * with {@code *.normalized.txt} LibriTTS; any other folder is a plain tree of audio files.
     */
    public static CorpusLayout detect(Path input) {
        if (Files.isRegularFile(input)) {
            String n = input.getFileName().toString().toLowerCase(Locale.ROOT);
            if (n.endsWith(".jsonl") || n.endsWith(".json")) {
                return MANIFEST;
            }
            throw new IllegalArgumentException(input + ": a corpus is a folder or a .jsonl manifest");
        }
        if (!Files.isDirectory(input)) {
            throw new IllegalArgumentException(input + ": no such file or folder");
        }
        if (Files.isDirectory(input.resolve("txt"))
                && (Files.isDirectory(input.resolve("wav48")) || Files.isDirectory(input.resolve("wav48_silence_trimmed")))) {
            return VCTK;
        }
        try (Stream<Path> s = Files.walk(input, PROBE_DEPTH)) {
            // Lazily: stops at the first transcript file, so a huge tree is not walked to guess its layout.
            String first = s.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".trans.txt") || n.endsWith(".normalized.txt"))
                    .findFirst().orElse("");
            if (first.endsWith(".trans.txt")) {
                return LIBRISPEECH;
            }
            if (first.endsWith(".normalized.txt")) {
                return LIBRITTS;
            }
            return DIR;
        } catch (IOException e) {
            throw new UncheckedIOException(input + ": cannot list: " + e.getMessage(), e);
        }
    }
}
