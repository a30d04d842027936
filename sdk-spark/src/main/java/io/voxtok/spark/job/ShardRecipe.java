package io.voxtok.spark.job;

import io.voxtok.runtime.VoxtokRuntime;
import io.voxtok.spark.parquet.ShardParquetWriter;
import java.io.IOException;
import java.io.Serializable;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/**
 * What a job makes of each utterance (the tokens of a tokenizer, a teacher's features or their k-means units) and the rows it
 * writes. Small and serialisable: it travels with every task, and is the key under which each JVM keeps the
 * component it loaded ({@link ExecutorComponents}), so implementations are records (value equality).
 *
 * @param <R> the row type of the output shards
 */
public interface ShardRecipe<R> extends Serializable {
    /**
     * Creates the component in {@code rt} (loading the model) and what encodes utterances with it. Called once per
     * JVM and recipe.
     *
     * @throws IllegalArgumentException when the recipe does not fit the component (e.g. layers it does not have)
     */
    PreparedRecipe<R> prepare(VoxtokRuntime rt);

    /** A Parquet writer of this recipe's rows. */
    ShardParquetWriter<R> writer(Path file, Configuration conf) throws IOException;
}
