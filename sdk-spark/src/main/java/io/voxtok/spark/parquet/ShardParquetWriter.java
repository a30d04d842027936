package io.voxtok.spark.parquet;

import java.io.IOException;
import java.util.Map;
import java.util.function.BiConsumer;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.util.HadoopOutputFile;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.MessageType;

/**
 * Writes rows of one shard to one Parquet file through Hadoop's file system API (so the output can be a local
 * folder, HDFS or an object store), ZSTD-compressed. Close it to finish the file.
 *
 * @param <T> the row type
 */
public final class ShardParquetWriter<T> implements AutoCloseable {
    private final ParquetWriter<T> writer;
    private long rows;

    private ShardParquetWriter(ParquetWriter<T> writer) {
        this.writer = writer;
    }

    /** A token shard writer. */
    public static ShardParquetWriter<TokenRow> tokens(Path file, Configuration conf) throws IOException {
        return open(file, conf, ShardSchemas.TOKENS, (e, r) -> {
            e.string("id", r.id());
            e.string("path", r.path());
            e.string("tokenizer", r.tokenizer());
            e.string("producer", r.producer());
            e.string("weights_hash", r.weightsHash());
            e.int32("sample_rate", r.sampleRate());
            e.int32("hop_length", r.hopLength());
            e.float64("frame_rate", r.frameRate());
            e.int32("first_layer", r.firstLayer());
            e.int32("layers", r.layers());
            e.int32("codebook_size", r.codebookSize());
            e.int32("frames", r.frames());
            e.float64("duration_s", r.durationSeconds());
            e.intMatrix("codes", r.codes());
            e.stringMap("metadata", r.metadata());
            e.floatListMap("side_info", r.sideInfo());
        });
    }

    /** A units shard writer. */
    public static ShardParquetWriter<UnitRow> units(Path file, Configuration conf) throws IOException {
        return open(file, conf, ShardSchemas.UNITS, (e, r) -> {
            e.string("id", r.id());
            e.string("path", r.path());
            e.string("teacher", r.teacher());
            e.string("producer", r.producer());
            e.string("layer", r.layer());
            e.int32("k", r.k());
            e.bool("dedup", r.dedup());
            e.int32("frames", r.frames());
            e.float64("frame_rate", r.frameRate());
            e.float64("duration_s", r.durationSeconds());
            e.intArray("units", r.units());
        });
    }

    /** A features shard writer. */
    public static ShardParquetWriter<FeatureRow> features(Path file, Configuration conf) throws IOException {
        return open(file, conf, ShardSchemas.FEATURES, (e, r) -> {
            e.string("id", r.id());
            e.string("path", r.path());
            e.string("teacher", r.teacher());
            e.string("producer", r.producer());
            e.string("layer", r.layer());
            e.int32("frames", r.frames());
            e.int32("dim", r.dim());
            e.float64("frame_rate", r.frameRate());
            e.float64("duration_s", r.durationSeconds());
            e.floatMatrix("features", r.features());
        });
    }

    /** A failures shard writer. */
    public static ShardParquetWriter<FailureRow> failures(Path file, Configuration conf) throws IOException {
        return open(file, conf, ShardSchemas.FAILURES, (e, r) -> {
            e.string("id", r.id());
            e.string("path", r.path());
            e.string("error_kind", r.errorKind());
            e.string("error", r.error());
        });
    }

    private static <T> ShardParquetWriter<T> open(Path file, Configuration conf, MessageType schema,
                                                  BiConsumer<RecordEmitter, T> fields) throws IOException {
        WriteSupport<T> support = new WriteSupport<>() {
            private RecordEmitter emitter;

            @Override
            public WriteContext init(Configuration configuration) {
                return new WriteContext(schema, Map.of("writer", "voxtok-spark"));
            }

            @Override
            public void prepareForWrite(RecordConsumer recordConsumer) {
                emitter = new RecordEmitter(recordConsumer);
            }

            @Override
            public void write(T record) {
                emitter.start();
                fields.accept(emitter, record);
                emitter.end();
            }
        };
        ParquetWriter<T> w = new Builder<>(HadoopOutputFile.fromPath(file, conf), support)
                .withConf(conf)
                .withCompressionCodec(CompressionCodecName.ZSTD)
                .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
                .build();
        return new ShardParquetWriter<>(w);
    }

    /** Appends one row. */
    public void write(T row) throws IOException {
        writer.write(row);
        rows++;
    }

    /** Rows written so far. */
    public long rows() {
        return rows;
    }

    @Override
    public void close() throws IOException {
        writer.close();
    }

    /** Parquet's builder bound to a ready write support. */
    private static final class Builder<T> extends ParquetWriter.Builder<T, Builder<T>> {
        private final WriteSupport<T> support;

        Builder(OutputFile file, WriteSupport<T> support) {
            super(file);
            this.support = support;
        }

        @Override
        protected Builder<T> self() {
            return this;
        }

        @Override
        protected WriteSupport<T> getWriteSupport(Configuration conf) {
            return support;
        }
    }
}
