package io.voxtok.spark.parquet;

import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;

/**
 * The Parquet schemas of the output shards. Lists and maps use Parquet's standard three-level layout, so Spark,
 * pyarrow, pandas and DuckDB read {@code codes} as {@code array<array<int>>} ({@code [layer][frame]}) and the maps as
 * maps.
 */
public final class ShardSchemas {
    /** Token shards ({@code tokens/shard-NNNNN.parquet}). */
    public static final MessageType TOKENS = MessageTypeParser.parseMessageType("""
            message voxtok_tokens {
              required binary id (STRING);
              required binary path (STRING);
              required binary tokenizer (STRING);
              required binary producer (STRING);
              required binary weights_hash (STRING);
              required int32 sample_rate;
              required int32 hop_length;
              required double frame_rate;
              required int32 first_layer;
              required int32 layers;
              required int32 codebook_size;
              required int32 frames;
              required double duration_s;
              required group codes (LIST) {
                repeated group list {
                  required group element (LIST) {
                    repeated group list {
                      required int32 element;
                    }
                  }
                }
              }
              required group metadata (MAP) {
                repeated group key_value {
                  required binary key (STRING);
                  required binary value (STRING);
                }
              }
              required group side_info (MAP) {
                repeated group key_value {
                  required binary key (STRING);
                  required group value (LIST) {
                    repeated group list {
                      required float element;
                    }
                  }
                }
              }
            }
            """);

    /** Units shards ({@code units/shard-NNNNN.parquet}): {@code units} is {@code array<int>}. */
    public static final MessageType UNITS = MessageTypeParser.parseMessageType("""
            message voxtok_units {
              required binary id (STRING);
              required binary path (STRING);
              required binary teacher (STRING);
              required binary producer (STRING);
              required binary layer (STRING);
              required int32 k;
              required boolean dedup;
              required int32 frames;
              required double frame_rate;
              required double duration_s;
              required group units (LIST) {
                repeated group list {
                  required int32 element;
                }
              }
            }
            """);

    /** Features shards ({@code features/shard-NNNNN.parquet}): {@code features} is {@code array<array<float>>}. */
    public static final MessageType FEATURES = MessageTypeParser.parseMessageType("""
            message voxtok_features {
              required binary id (STRING);
              required binary path (STRING);
              required binary teacher (STRING);
              required binary producer (STRING);
              required binary layer (STRING);
              required int32 frames;
              required int32 dim;
              required double frame_rate;
              required double duration_s;
              required group features (LIST) {
                repeated group list {
                  required group element (LIST) {
                    repeated group list {
                      required float element;
                    }
                  }
                }
              }
            }
            """);

    /** Failure shards ({@code failures/shard-NNNNN.parquet}). */
    public static final MessageType FAILURES = MessageTypeParser.parseMessageType("""
            message voxtok_failures {
              required binary id (STRING);
              required binary path (STRING);
              required binary error_kind (STRING);
              required binary error (STRING);
            }
            """);

    private ShardSchemas() {
    }
}
