package io.voxtok.spark.verify;

import io.voxtok.api.VoxtokException;
import io.voxtok.api.token.TokenMatrix;
import io.voxtok.runtime.token.TokenFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Compares a job's token shards with the {@code .vtok} files {@code voxtok encode} wrote for the same audio, code for
 * code: the row of id {@code dir/name} is matched with {@code name.vtok}. Rows stream to the driver one partition
 * at a time ({@code toLocalIterator}), so the output need not fit in memory.
 */
public final class EncodeComparison {
    /** How many mismatches are described in full. */
    private static final int DESCRIBED = 10;

    private EncodeComparison() {
    }

    /**
     * The outcome.
     *
     * @param equal      rows whose producer, first layer and codes equal their .vtok
     * @param differing  descriptions of the first rows that differ ({@link #differ} counts all)
     * @param differ     rows that differ
     * @param unmatched  rows without a .vtok (e.g. tokenized here, not encoded there)
     * @param missing    .vtok files with no row
     */
    public record Result(long equal, List<String> differing, long differ, long unmatched, List<String> missing) {
        /** True when every .vtok has an equal row. */
        public boolean allEqual() {
            return differ == 0 && missing.isEmpty();
        }
    }

    /** Compares {@code output}/tokens with the .vtok files under {@code encoded}. */
    public static Result compare(SparkSession spark, String output, Path encoded) {
        Map<String, Path> refs = index(encoded);
        Set<String> seen = new HashSet<>();
        long equal = 0;
        long differ = 0;
        long unmatched = 0;
        List<String> differing = new ArrayList<>();
        Iterator<Row> rows = spark.read().parquet(output + "/tokens")
                .select("id", "producer", "weights_hash", "first_layer", "codes").toLocalIterator();
        while (rows.hasNext()) {
            Row r = rows.next();
            String id = r.getString(0);
            String stem = id.substring(id.lastIndexOf('/') + 1);
            Path ref = refs.get(stem);
            if (ref == null) {
                unmatched++;
                continue;
            }
            seen.add(stem);
            String why = difference(r, TokenFile.read(ref).tokens());
            if (why == null) {
                equal++;
            } else {
                differ++;
                if (differing.size() < DESCRIBED) {
                    differing.add(id + " vs " + ref + ": " + why);
                }
            }
        }
        List<String> missing = refs.keySet().stream().filter(s -> !seen.contains(s)).sorted().map(s -> refs.get(s).toString())
                .toList();
        return new Result(equal, differing, differ, unmatched, missing);
    }

    private static String difference(Row r, TokenMatrix ref) {
        String producer = ref.producer().name() + ":" + ref.producer().variant();
        if (!producer.equals(r.getString(1)) || !ref.producer().weightsHash().equals(r.getString(2))) {
            return "producer " + r.getString(1) + "@" + r.getString(2) + " vs " + ref.producer();
        }
        if (ref.firstLayer() != r.getInt(3)) {
            return "first layer " + r.getInt(3) + " vs " + ref.firstLayer();
        }
        int[][] want = ref.itemCodes(0);
        List<Object> layers = r.getList(4);
        if (layers.size() != want.length) {
            return layers.size() + " layers vs " + want.length;
        }
        for (int l = 0; l < want.length; l++) {
            @SuppressWarnings("unchecked")
            scala.collection.Seq<Integer> got = (scala.collection.Seq<Integer>) layers.get(l);
            if (got.size() != want[l].length) {
                return "layer " + l + ": " + got.size() + " frames vs " + want[l].length;
            }
            for (int f = 0; f < want[l].length; f++) {
                if (got.apply(f) != want[l][f]) {
                    return "layer " + l + ", frame " + f + ": " + got.apply(f) + " vs " + want[l][f];
                }
            }
        }
        return null;
    }

    private static Map<String, Path> index(Path encoded) {
        Map<String, Path> refs = new HashMap<>();
        try (Stream<Path> s = Files.walk(encoded)) {
            for (Path p : s.filter(f -> f.getFileName().toString().endsWith(".vtok")).sorted().toList()) {
                String n = p.getFileName().toString();
                Path before = refs.put(n.substring(0, n.length() - ".vtok".length()), p);
                if (before != null) {
                    throw VoxtokException.userInput("two token files have one name: " + before + " and " + p);
                }
            }
        } catch (IOException e) {
            throw VoxtokException.userInput(encoded + ": cannot list: " + e.getMessage());
        }
        if (refs.isEmpty()) {
            throw VoxtokException.userInput(encoded + ": no .vtok files");
        }
        return refs;
    }
}
