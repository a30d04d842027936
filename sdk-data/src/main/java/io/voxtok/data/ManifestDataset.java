package io.voxtok.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.voxtok.api.ErrorKind;
import io.voxtok.api.VoxtokException;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A corpus described by a JSON Lines manifest, one object per line (blank lines and lines starting with
 * {@code #} are ignored):
 *
 * <pre>{"id": "spk01_0003", "path": "audio/spk01/spk01_0003.flac", "text": "The old man ...",
 *  "speaker": "spk01", "phonemes": ["pau", "dh", "ax", ...],
 *  "alignment": [["pau", 0.0, 0.164], ["dh", 0.164, 0.21], ...], "duration": 2.17, "split": "train"}</pre>
 *
 * <p>{@code path} (relative to the manifest's folder, or absolute), {@code text} and {@code speaker} are
 * required; {@code id} defaults to the file name without extension; {@code phonemes} defaults to the alignment's
 * phones; {@code alignment} rows are {@code [phone, start_s, end_s]}; {@code split} is
 * {@code train|dev|test}, and when absent the {@link SplitAssigner} given at construction decides. Lines are
 * parsed while streaming; a malformed line fails with the manifest's name and line number.
 */
public final class ManifestDataset implements SpeechDataset {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path manifest;
    private final SplitAssigner fallbackSplits;

    /** A manifest whose items without {@code split} are assigned by speaker (5 % dev, 5 % test). */
    public ManifestDataset(Path manifest) {
        this(manifest, SplitAssigner.bySpeaker(0.05, 0.05));
    }

    /** A manifest with an explicit rule for items without {@code split}. */
    public ManifestDataset(Path manifest, SplitAssigner fallbackSplits) {
        this.manifest = manifest.toAbsolutePath().normalize();
        this.fallbackSplits = fallbackSplits;
    }

    /** The manifest file. */
    public Path manifest() {
        return manifest;
    }

    @Override
    public String name() {
        return "manifest:" + manifest;
    }

    @Override
    public Stream<CorpusEntry> entries() {
        if (!Files.isRegularFile(manifest)) {
            throw VoxtokException.userInput("manifest not found: " + manifest);
        }
        InputStream reader;
        try {
            reader = new BufferedInputStream(Files.newInputStream(manifest), 1 << 16);
        } catch (IOException e) {
            throw new VoxtokException(ErrorKind.USER_INPUT, "cannot open manifest " + manifest + ": " + e.getMessage(), e);
        }
        Path base = manifest.getParent();
        Iterator<Numbered> lines = new Iterator<>() {
            private long number;
            private String next;

            @Override
            public boolean hasNext() {
                if (next == null) {
                    next = readLine(reader, number + 1);
                }
                return next != null;
            }

            @Override
            public Numbered next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                Numbered n = new Numbered(++number, next);
                next = null;
                return n;
            }
        };
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(lines, Spliterator.ORDERED | Spliterator.NONNULL),
                        false)
                .onClose(() -> {
                    try {
                        reader.close();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                })
                .filter(n -> !n.line.isBlank() && !n.line.stripLeading().startsWith("#"))
                .map(n -> parse(n.line, n.number, base));
    }

    private record Numbered(long number, String line) { }

    /**
     * The next line without its line break, or null at the end. Each line is decoded on its own, strictly, so that
     * bytes that are not UTF-8 are refused naming their line (found by ManifestFuzzTest: they escaped as
     * UncheckedIOException from {@code BufferedReader.lines()}, whose buffering also blurs the line number).
     */
    private String readLine(InputStream in, long number) {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        try {
            int c = in.read();
            if (c < 0) {
                return null;
            }
            for (; c >= 0 && c != '\n'; c = in.read()) {
                line.write(c);
            }
        } catch (IOException e) {
            throw new VoxtokException(ErrorKind.ENVIRONMENT, "cannot read manifest " + manifest + " at line " + number
                    + ": " + e.getMessage(), e);
        }
        byte[] b = line.toByteArray();
        int n = b.length > 0 && b[b.length - 1] == '\r' ? b.length - 1 : b.length;
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b, 0, n)).toString();
        } catch (CharacterCodingException e) {
            throw new VoxtokException(ErrorKind.USER_INPUT, manifest + ":" + number + ": not UTF-8 text", e);
        }
    }

    private CorpusEntry parse(String line, long number, Path base) {
        String where = manifest + ":" + number;
        JsonNode o;
        try {
            o = JSON.readTree(line);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw VoxtokException.userInput(where + ": not valid JSON: " + e.getOriginalMessage());
        }
        if (o == null || !o.isObject()) {
            throw VoxtokException.userInput(where + ": expected a JSON object");
        }
        try {
            String pathText = required(o, "path", where);
            Path audio = base.resolve(pathText).normalize();
            String text = required(o, "text", where);
            String speaker = required(o, "speaker", where);
            String id = o.hasNonNull("id") ? o.get("id").asText() : stem(audio);
            Optional<PhoneAlignment> alignment = Optional.empty();
            if (o.hasNonNull("alignment")) {
                alignment = Optional.of(parseAlignment(o.get("alignment"), where));
            }
            List<String> phonemes = new ArrayList<>();
            if (o.hasNonNull("phonemes")) {
                JsonNode p = o.get("phonemes");
                if (!p.isArray()) {
                    throw VoxtokException.userInput(where + ": 'phonemes' must be an array of strings");
                }
                p.forEach(x -> phonemes.add(x.asText()));
            } else {
                alignment.ifPresent(a -> phonemes.addAll(a.phones()));
            }
            OptionalDouble duration = OptionalDouble.empty();
            if (o.hasNonNull("duration")) {
                double d = o.get("duration").asDouble(Double.NaN);
                if (!(d > 0) || !Double.isFinite(d)) {
                    throw VoxtokException.userInput(where + ": 'duration' must be a positive number, got " + o.get("duration"));
                }
                duration = OptionalDouble.of(d);
            }
            CorpusEntry e = new CorpusEntry(id, audio, text, speaker, phonemes, alignment, duration, Split.TRAIN);
            if (!o.hasNonNull("split")) {
                return fallbackSplits.apply(e);
            }
            try {
                return e.withSplit(Split.parse(o.get("split").asText()));
            } catch (VoxtokException bad) {
                throw VoxtokException.userInput(where + ": " + bad.getMessage());
            }
        } catch (IllegalArgumentException e) {
            throw VoxtokException.userInput(where + ": " + e.getMessage());
        }
    }

    private static PhoneAlignment parseAlignment(JsonNode a, String where) {
        if (!a.isArray()) {
            throw VoxtokException.userInput(where + ": 'alignment' must be an array of [phone, start, end]");
        }
        List<PhoneSegment> segs = new ArrayList<>(a.size());
        for (JsonNode row : a) {
            if (!row.isArray() || row.size() != 3 || !row.get(1).isNumber() || !row.get(2).isNumber()) {
                throw VoxtokException.userInput(where + ": alignment row " + row + " is not [phone, start, end]");
            }
            segs.add(new PhoneSegment(row.get(0).asText(), row.get(1).asDouble(), row.get(2).asDouble()));
        }
        return new PhoneAlignment(segs);
    }

    private static String required(JsonNode o, String field, String where) {
        JsonNode v = o.get(field);
        if (v == null || v.isNull() || !v.isTextual() || v.asText().isBlank()) {
            throw VoxtokException.userInput(where + ": missing or empty string field '" + field + "'");
        }
        return v.asText();
    }

    static String stem(Path p) {
        String n = p.getFileName().toString();
        int dot = n.indexOf('.');
        return dot > 0 ? n.substring(0, dot) : n;
    }
}
