package io.voxtok.spark.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** Reads a job's Parquet output back with Spark itself, as a user of the shards would. */
final class TokenShards {
    private TokenShards() {
    }

    /** A token row as the test compares it. */
    record Tokens(String id, String producer, String weightsHash, int frames, int[][] codes) {
    }

    /** What Spark reads from OUT/tokens and OUT/failures. */
    record Output(String codesType, Map<String, Tokens> tokens, List<Row> failures) {
    }

    static Output read(Path out) {
        SparkSession s = SparkSession.builder().master("local[1]").appName("voxtok-test-read")
                .config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1").getOrCreate();
        try {
            Dataset<Row> df = s.read().parquet(out.resolve("tokens").toString());
            Map<String, Tokens> tokens = new LinkedHashMap<>();
            for (Row r : df.collectAsList()) {
                List<Object> layers = r.getList(r.fieldIndex("codes"));
                int[][] codes = new int[layers.size()][];
                for (int l = 0; l < codes.length; l++) {
                    @SuppressWarnings("unchecked")
                    List<Integer> frames = scala.jdk.javaapi.CollectionConverters.asJava(
                            (scala.collection.Seq<Integer>) layers.get(l));
                    codes[l] = frames.stream().mapToInt(Integer::intValue).toArray();
                }
                String id = r.getAs("id");
                tokens.put(id, new Tokens(id, r.getAs("producer"), r.getAs("weights_hash"), r.<Integer>getAs("frames"), codes));
            }
            List<Row> failures = new ArrayList<>(s.read().parquet(out.resolve("failures").toString()).collectAsList());
            return new Output(df.schema().apply("codes").dataType().simpleString(), tokens, failures);
        } finally {
            s.stop();
        }
    }
}
