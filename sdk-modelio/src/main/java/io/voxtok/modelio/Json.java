package io.voxtok.modelio;

import io.voxtok.api.ErrorKind;
import io.voxtok.api.VoxtokException;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The one strict JSON (RFC 8259) reader of Voxtok, plus string quoting for code that writes JSON by hand, so that
 * no module and no plugin needs a JSON library for configuration files, manifests or safetensors headers.
 *
 * <p>Values map to {@link String}, {@link Boolean}, {@code null}, unmodifiable {@link List}s, unmodifiable
 * insertion-ordered {@link Map}s and numbers: an integer literal (no fraction, no exponent) becomes a {@link Long},
 * or a {@link BigInteger} beyond 64 bits, so it stays exact; any other number becomes the nearest {@link Double}
 * ({@code -0.0} keeps its sign, which float data written by Python relies on). Refused: a duplicate
 * key, numbers outside the JSON grammar ({@code 01}, {@code 1.}, {@code NaN}) or beyond the range of a double,
 * trailing commas, trailing text,
 * raw control characters in strings and nesting deeper than {@value #MAX_DEPTH}. A leading byte-order mark is
 * skipped. Every syntax error is a {@link VoxtokException} ({@link ErrorKind#USER_INPUT}) naming the source, the
 * line and the column.
 */
public final class Json {
    /** Deepest nesting accepted; headers come from untrusted files and the parser is recursive. */
    public static final int MAX_DEPTH = 128;

    private final String text;
    private final String source;
    private int pos;

    private Json(String text, String source) {
        this.text = text;
        this.source = source;
    }

    /**
     * Parses one JSON value that must span the whole text (surrounding whitespace allowed).
     *
     * @param source names the text in error messages (a file name)
     * @throws VoxtokException USER_INPUT {@code "<source> is not valid JSON (line L, column C): <problem>"}
     */
    public static Object parse(String text, String source) {
        Json p = new Json(text.startsWith("\uFEFF") ? text.substring(1) : text, source);
        Object value = p.value(0);
        p.skipSpace();
        if (p.pos != p.text.length()) {
            throw p.error("unexpected text after the JSON value");
        }
        return value;
    }

    /**
     * Parses text whose top level must be a JSON object.
     *
     * @param source names the text in error messages (a file name)
     * @throws VoxtokException USER_INPUT for a syntax error or another top-level value
     */
    public static Map<String, Object> parseObject(String text, String source) {
        Object value = parse(text, source);
        if (!(value instanceof Map<?, ?>)) {
            throw VoxtokException.userInput(source + " is not a JSON object (its top level is "
                    + kind(value) + ")");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) value;
        return map;
    }

    /**
     * Reads a UTF-8 JSON file.
     *
     * @throws VoxtokException USER_INPUT when the file is missing or not valid JSON; ENVIRONMENT when it cannot be
     *     read for another reason
     */
    public static Object read(Path file) {
        return parse(readText(file), file.toString());
    }

    /**
     * Reads a UTF-8 file whose top level must be a JSON object.
     *
     * @throws VoxtokException as {@link #read(Path)}, and USER_INPUT when the top level is not an object
     */
    public static Map<String, Object> readObject(Path file) {
        return parseObject(readText(file), file.toString());
    }

    /**
     * Serialises maps (string keys, insertion order), collections, Java arrays of primitives, strings, numbers,
     * booleans and {@code null} as indented JSON. Finite doubles keep all the digits needed to read back the same
     * value; NaN and infinities, which JSON lacks, are refused.
     *
     * @throws IllegalArgumentException for any other value, naming its path
     */
    public static String write(Object value) {
        StringBuilder b = new StringBuilder();
        write(b, value, "$", 0);
        return b.append('\n').toString();
    }

    private static void write(StringBuilder b, Object v, String path, int indent) {
        if (v == null || v instanceof Boolean) {
            b.append(v);
        } else if (v instanceof String s) {
            b.append(quote(s));
        } else if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            if (!Double.isFinite(d)) {
                throw new IllegalArgumentException("JSON cannot hold " + d + " at " + path);
            }
            b.append(v instanceof Float f ? Float.toString(f) : Double.toString(d));
        } else if (v instanceof Number n) {
            b.append(n);
        } else if (v instanceof Map<?, ?> m) {
            if (m.isEmpty()) {
                b.append("{}");
                return;
            }
            b.append("{\n");
            int i = 0;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (!(e.getKey() instanceof String k)) {
                    throw new IllegalArgumentException("JSON object keys must be strings at " + path);
                }
                b.append("  ".repeat(indent + 1)).append(quote(k)).append(": ");
                write(b, e.getValue(), path + "." + k, indent + 1);
                b.append(++i < m.size() ? ",\n" : "\n");
            }
            b.append("  ".repeat(indent)).append('}');
        } else if (v instanceof Collection<?> c) {
            b.append('[');
            int i = 0;
            for (Object x : c) {
                b.append(i == 0 ? "" : ", ");
                write(b, x, path + "[" + i++ + "]", indent + 1);
            }
            b.append(']');
        } else if (v != null && v.getClass().isArray() && v.getClass().getComponentType().isPrimitive()) {
            int n = java.lang.reflect.Array.getLength(v);
            List<Object> list = new java.util.ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                list.add(java.lang.reflect.Array.get(v, i));
            }
            write(b, list, path, indent);
        } else {
            throw new IllegalArgumentException("JSON cannot hold " + v.getClass().getName() + " at " + path);
        }
    }

    /** The JSON string literal for {@code s} (quotes added, {@code "}, {@code \} and control characters escaped). */
    public static String quote(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    private static String readText(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new VoxtokException(ErrorKind.USER_INPUT, "cannot read " + file + ": no such file", e);
        } catch (IOException e) {
            // MalformedInputException (not UTF-8) is the file's fault; anything else is the environment's.
            ErrorKind kind = e instanceof java.nio.charset.CharacterCodingException
                    ? ErrorKind.USER_INPUT : ErrorKind.ENVIRONMENT;
            throw new VoxtokException(kind, "cannot read " + file + ": " + e, e);
        }
    }

    private static String kind(Object value) {
        if (value instanceof List<?>) {
            return "an array";
        }
        if (value instanceof String) {
            return "a string";
        }
        if (value instanceof Number) {
            return "a number";
        }
        return value == null ? "null" : String.valueOf(value);
    }

    private Object value(int depth) {
        if (depth > MAX_DEPTH) {
            throw error("nested deeper than " + MAX_DEPTH + " levels");
        }
        skipSpace();
        if (pos >= text.length()) {
            throw error("unexpected end of text");
        }
        char c = text.charAt(pos);
        return switch (c) {
            case '{' -> object(depth);
            case '[' -> array(depth);
            case '"' -> string();
            case 't' -> literal("true", Boolean.TRUE);
            case 'f' -> literal("false", Boolean.FALSE);
            case 'n' -> literal("null", null);
            default -> {
                if (c == '-' || isDigit(c)) {
                    yield number();
                }
                throw error("unexpected character '" + c + "'");
            }
        };
    }

    private Map<String, Object> object(int depth) {
        pos++; // '{'
        Map<String, Object> map = new LinkedHashMap<>();
        skipSpace();
        if (peek() == '}') {
            pos++;
            return Collections.unmodifiableMap(map);
        }
        while (true) {
            skipSpace();
            if (peek() != '"') {
                throw error("expected a quoted key");
            }
            int keyPos = pos;
            String key = string();
            if (map.containsKey(key)) {
                pos = keyPos;
                throw error("duplicate key \"" + key + "\"");
            }
            skipSpace();
            expect(':');
            map.put(key, value(depth + 1));
            skipSpace();
            char c = next();
            if (c == '}') {
                return Collections.unmodifiableMap(map);
            }
            if (c != ',') {
                pos--;
                throw error("expected ',' or '}'");
            }
        }
    }

    private List<Object> array(int depth) {
        pos++; // '['
        List<Object> list = new ArrayList<>();
        skipSpace();
        if (peek() == ']') {
            pos++;
            return Collections.unmodifiableList(list);
        }
        while (true) {
            list.add(value(depth + 1));
            skipSpace();
            char c = next();
            if (c == ']') {
                return Collections.unmodifiableList(list);
            }
            if (c != ',') {
                pos--;
                throw error("expected ',' or ']'");
            }
        }
    }

    private String string() {
        pos++; // opening quote
        StringBuilder b = new StringBuilder();
        while (true) {
            if (pos >= text.length()) {
                throw error("unterminated string");
            }
            char c = text.charAt(pos++);
            if (c == '"') {
                return b.toString();
            }
            if (c < 0x20) {
                pos--;
                throw error("control character in a string");
            }
            if (c != '\\') {
                b.append(c);
                continue;
            }
            char e = next();
            switch (e) {
                case '"', '\\', '/' -> b.append(e);
                case 'b' -> b.append('\b');
                case 'f' -> b.append('\f');
                case 'n' -> b.append('\n');
                case 'r' -> b.append('\r');
                case 't' -> b.append('\t');
                case 'u' -> b.append(unicodeEscape());
                default -> {
                    pos--;
                    throw error("bad escape '\\" + e + "'");
                }
            }
        }
    }

    private char unicodeEscape() {
        if (pos + 4 > text.length()) {
            throw error("truncated \\u escape");
        }
        int v = 0;
        for (int i = 0; i < 4; i++) {
            int d = Character.digit(text.charAt(pos + i), 16);
            if (d < 0) {
                throw error("bad \\u escape");
            }
            v = v * 16 + d;
        }
        pos += 4;
        return (char) v;
    }

    private Object number() {
        int start = pos;
        if (peek() == '-') {
            pos++;
        }
        if (peek() == '0') {
            pos++;
        } else if (isDigit(peek())) {
            digits();
        } else {
            throw error("bad number: digit expected");
        }
        boolean integer = true;
        if (peek() == '.') {
            integer = false;
            pos++;
            if (!isDigit(peek())) {
                throw error("bad number: digit expected after '.'");
            }
            digits();
        }
        if (peek() == 'e' || peek() == 'E') {
            integer = false;
            pos++;
            if (peek() == '+' || peek() == '-') {
                pos++;
            }
            if (!isDigit(peek())) {
                throw error("bad number: digit expected in the exponent");
            }
            digits();
        }
        if (isDigit(peek())) {
            throw error("bad number: leading zero");
        }
        String s = text.substring(start, pos);
        if (integer) {
            BigInteger v = new BigInteger(s);
            return v.bitLength() < 64 ? (Object) v.longValue() : v;
        }
        double d = Double.parseDouble(s);
        if (Double.isInfinite(d)) {
            pos = start;
            throw error("number " + s + " is beyond the range of a double");
        }
        return d;
    }

    private void digits() {
        while (isDigit(peek())) {
            pos++;
        }
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private Object literal(String word, Object value) {
        if (!text.startsWith(word, pos)) {
            throw error("unexpected token");
        }
        pos += word.length();
        return value;
    }

    private void expect(char c) {
        if (next() != c) {
            pos--;
            throw error("expected '" + c + "'");
        }
    }

    private char peek() {
        return pos < text.length() ? text.charAt(pos) : '\0';
    }

    private char next() {
        if (pos >= text.length()) {
            throw error("unexpected end of text");
        }
        return text.charAt(pos++);
    }

    private void skipSpace() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            pos++;
        }
    }

    private VoxtokException error(String problem) {
        int line = 1;
        int column = 1;
        for (int i = 0; i < Math.min(pos, text.length()); i++) {
            if (text.charAt(i) == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
        }
        return VoxtokException.userInput(source + " is not valid JSON (line " + line + ", column " + column + "): "
                + problem);
    }
}
