package io.voxtok.data.text;

import io.voxtok.api.VoxtokException;
import io.voxtok.modelio.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The phoneme vocabulary of a USLM / VALL-E model, stored as the official {@code unique_text_tokens.k2symbols}
 * (a k2 {@code SymbolTable} text file: one {@code symbol id} pair per line).
 *
 * <p>Model ids follow vall-e's {@code TextTokenCollater}, not the ids written in the file: the id list is
 * {@code ["<pad>", "<bos>", "<eos>"] + sorted(table.symbols)}, so {@code <pad>} = 0, {@code <bos>} = 1,
 * {@code <eos>} = 2 and the table's symbols from 3 in Python string order (code point by code point). k2's table
 * always holds id 0 (named {@code <eps>} unless the file names it otherwise), so {@code <eps>} is one of the
 * sorted symbols and takes an id of its own between the punctuation and the letters, exactly as in an official
 * checkpoint. A table written by {@link #write} is what the official {@code bin/tokenizer.py} writes:
 * {@code <eps> 0} and then the sorted symbols from 1. Immutable.
 */
public final class TextVocabulary {
    /** Padding id. */
    public static final int PAD = 0;
    /** Beginning-of-sequence id. */
    public static final int BOS = 1;
    /** End-of-sequence id. */
    public static final int EOS = 2;
    /** k2's default name of id 0. */
    public static final String EPS = "<eps>";
    private static final List<String> SPECIALS = List.of("<pad>", "<bos>", "<eos>");
    /** Python's string order: code points compared one by one, shorter prefix first. */
    static final Comparator<String> PYTHON_ORDER = (a, b) -> {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    };

    private final SortedMap<Integer, String> table;
    private final List<String> idToSymbol;
    private final Map<String, Integer> symbolToId;
    private final String source;

    private TextVocabulary(SortedMap<Integer, String> table, String source) {
        this.table = Collections.unmodifiableSortedMap(new TreeMap<>(table));
        this.source = source;
        List<String> symbols = new ArrayList<>(table.values());
        symbols.sort(PYTHON_ORDER);
        List<String> ids = new ArrayList<>(SPECIALS);
        ids.addAll(symbols);
        this.idToSymbol = List.copyOf(ids);
        Map<String, Integer> m = new HashMap<>();
        for (int i = 0; i < ids.size(); i++) {
            m.put(ids.get(i), i); // a later duplicate wins, like the official dict comprehension
        }
        this.symbolToId = m;
    }

    /**
     * The vocabulary of a set of phoneme symbols, as the official {@code bin/tokenizer.py} builds it:
     * {@code <eps>} = 0 and the symbols sorted from 1 in the table.
     *
     * @throws VoxtokException when a symbol is empty or holds white space (a k2 table cannot store it)
     */
    public static TextVocabulary fromSymbols(Collection<String> symbols) {
        TreeSet<String> sorted = new TreeSet<>(PYTHON_ORDER);
        for (String s : symbols) {
            if (s.isEmpty() || s.codePoints().anyMatch(PythonCharClasses::isSpace)) {
                throw VoxtokException.userInput("phoneme symbol '" + s + "' is empty or holds white space; "
                        + "a k2 symbol table cannot store it");
            }
            sorted.add(s);
        }
        sorted.remove(EPS);
        SortedMap<Integer, String> t = new TreeMap<>();
        t.put(0, EPS);
        int id = 1;
        for (String s : sorted) {
            t.put(id++, s);
        }
        return new TextVocabulary(t, "built from " + sorted.size() + " symbols");
    }

    /**
     * Reads a k2 symbol table ({@code symbol id} per line, blank lines ignored) the way k2's
     * {@code SymbolTable.from_file} does, adding {@code <eps>} at id 0 when the file has no id 0.
     *
     * @throws VoxtokException naming the file and line for a missing file, a line without exactly two fields, a
     *                         non-integer or negative id, or a duplicated symbol or id
     */
    public static TextVocabulary read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new VoxtokException(io.voxtok.api.ErrorKind.USER_INPUT, file + ": cannot read the symbol table: " + e, e);
        }
        SortedMap<Integer, String> t = new TreeMap<>();
        Map<String, Integer> seen = new HashMap<>();
        for (int n = 0; n < lines.size(); n++) {
            String line = PythonCharClasses.strip(lines.get(n));
            if (line.isEmpty()) {
                continue;
            }
            String[] f = line.split("\\s+");
            String where = file + " line " + (n + 1);
            if (f.length != 2) {
                throw VoxtokException.userInput(where + ": expected 'symbol id', got " + f.length + " fields: " + line);
            }
            int id;
            try {
                id = Integer.parseInt(f[1]);
            } catch (NumberFormatException e) {
                throw VoxtokException.userInput(where + ": id '" + f[1] + "' is not an integer");
            }
            if (id < 0) {
                throw VoxtokException.userInput(where + ": negative id " + id);
            }
            if (seen.containsKey(f[0])) {
                throw VoxtokException.userInput(where + ": duplicated symbol '" + f[0] + "'");
            }
            if (t.containsKey(id)) {
                throw VoxtokException.userInput(where + ": duplicated id " + id);
            }
            seen.put(f[0], id);
            t.put(id, f[0]);
        }
        if (!t.containsKey(0)) {
            if (seen.containsKey(EPS)) {
                throw VoxtokException.userInput(file + ": '" + EPS + "' must have id 0 (k2 adds it there)");
            }
            t.put(0, EPS);
        }
        return new TextVocabulary(t, file.toString());
    }

    /** Writes the k2 table ({@code symbol id} lines by increasing id) atomically. */
    public void write(Path file) {
        StringBuilder b = new StringBuilder();
        table.forEach((id, sym) -> b.append(sym).append(' ').append(id).append('\n'));
        AtomicFiles.writeString(file, b.toString());
    }

    /** The k2 table: file id to symbol. */
    public SortedMap<Integer, String> table() {
        return table;
    }

    /** Number of model ids ({@code <pad>}, {@code <bos>}, {@code <eos>} and the table's symbols). */
    public int size() {
        return idToSymbol.size();
    }

    /** Symbol of model id {@code id}. */
    public String symbol(int id) {
        return idToSymbol.get(id);
    }

    /** Every symbol by model id. */
    public List<String> symbols() {
        return idToSymbol;
    }

    /** Whether {@code symbol} has an id. */
    public boolean contains(String symbol) {
        return symbolToId.containsKey(symbol);
    }

    /**
     * Model id of {@code symbol}.
     *
     * @throws VoxtokException naming the symbol and the vocabulary when it is unknown
     */
    public int id(String symbol) {
        Integer id = symbolToId.get(symbol);
        if (id == null) {
            throw VoxtokException.userInput("phoneme symbol '" + symbol + "' (" + codePoints(symbol)
                    + ") is not in the vocabulary (" + source + ", " + size() + " ids); the text needs a vocabulary "
                    + "built from a corpus that contains it");
        }
        return id;
    }

    /** {@code <bos>}, the ids of {@code phonemes}, {@code <eos>}: one row of the official text batch. */
    public int[] encode(List<String> phonemes) {
        int[] out = new int[phonemes.size() + 2];
        out[0] = BOS;
        for (int i = 0; i < phonemes.size(); i++) {
            out[i + 1] = id(phonemes.get(i));
        }
        out[out.length - 1] = EOS;
        return out;
    }

    /** The symbols of {@code ids}, specials included. */
    public List<String> decode(int[] ids) {
        List<String> out = new ArrayList<>(ids.length);
        for (int id : ids) {
            if (id < 0 || id >= size()) {
                throw VoxtokException.userInput("text id " + id + " outside the vocabulary's [0, " + size() + ")");
            }
            out.add(idToSymbol.get(id));
        }
        return out;
    }

    /**
     * Fails unless every id fits an embedding table of {@code rows} rows (USLM: {@code NUM_TEXT_TOKENS} = 512).
     */
    public void requireFits(int rows) {
        if (size() > rows) {
            throw VoxtokException.userInput("the vocabulary (" + source + ") has " + size() + " ids but the model's "
                    + "text embedding has only " + rows + " rows");
        }
    }

    private static String codePoints(String s) {
        StringBuilder b = new StringBuilder();
        s.codePoints().forEach(cp -> b.append(b.length() == 0 ? "" : " ").append(String.format("U+%04X", cp)));
        return b.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TextVocabulary v && v.table.equals(table);
    }

    @Override
    public int hashCode() {
        return table.hashCode();
    }

    @Override
    public String toString() {
        return "TextVocabulary[" + size() + " ids, " + source + "]";
    }
}
