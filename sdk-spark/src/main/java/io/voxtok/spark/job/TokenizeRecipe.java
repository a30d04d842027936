package io.voxtok.spark.job;

import io.voxtok.api.ComponentConfig;
import io.voxtok.api.token.LayerRange;
import io.voxtok.api.token.Tokenizer;
import io.voxtok.api.token.TokenizerSpec;
import io.voxtok.runtime.VoxtokRuntime;
import io.voxtok.spark.parquet.ShardParquetWriter;
import io.voxtok.spark.parquet.TokenRow;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;

/**
 * Tokens: which tokenizer each executor creates, with which model and options, and which layers it keeps.
 *
 * @param tokenizer  tokenizer name or {@code name:variant}
 * @param model      the model as the driver resolved it (an absolute folder), or null for weightless tokenizers
 * @param modelArg   the model as given on the command line (a shipped model's name, or a path), or null
 * @param options    tokenizer options ({@code -O key=value}, {@code --bandwidth})
 * @param startLayer first layer kept, 0-based (the official {@code st})
 * @param endLayer   end layer, exclusive (the official {@code n_q}); -1 = all layers
 */
public record TokenizeRecipe(String tokenizer, String model, String modelArg, Map<String, String> options, int startLayer,
                             int endLayer) implements ShardRecipe<TokenRow> {
    private static final long serialVersionUID = 1L;

    /** Copies the options into a sorted map. */
    public TokenizeRecipe {
        options = new TreeMap<>(options);
    }

    @Override
    public PreparedRecipe<TokenRow> prepare(VoxtokRuntime rt) {
        Optional<Path> m = model == null ? Optional.empty() : Optional.of(ExecutorPaths.locate(model, modelArg, "model"));
        Tokenizer tok = rt.createTokenizer(tokenizer, new ComponentConfig(options, m));
        TokenizerSpec spec = tok.spec();
        int end = endLayer < 0 ? spec.numLayers() : endLayer;
        if (end > spec.numLayers() || startLayer < 0 || startLayer >= end) {
            throw new IllegalArgumentException("layers " + startLayer + ".." + end + " are not within the tokenizer's "
                    + spec.numLayers() + " layers");
        }
        return new TokenEncoder(tokenizer, tok, LayerRange.of(startLayer, end), this);
    }

    @Override
    public ShardParquetWriter<TokenRow> writer(org.apache.hadoop.fs.Path file, Configuration conf) throws IOException {
        return ShardParquetWriter.tokens(file, conf);
    }
}
