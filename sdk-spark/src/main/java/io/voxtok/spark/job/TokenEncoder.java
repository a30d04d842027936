package io.voxtok.spark.job;

import io.voxtok.api.audio.AudioBuffer;
import io.voxtok.api.token.LayerRange;
import io.voxtok.api.token.TokenMatrix;
import io.voxtok.api.token.Tokenizer;
import io.voxtok.api.token.TokenizerSpec;
import io.voxtok.audio.AudioReader;
import io.voxtok.spark.corpus.CorpusItem;
import io.voxtok.spark.parquet.TokenRow;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/** A loaded tokenizer: audio file to token row, exactly as {@code voxtok encode} reads and encodes it. */
final class TokenEncoder implements PreparedRecipe<TokenRow> {
    private final String requested;
    private final Tokenizer tok;
    private final TokenizerSpec spec;
    private final LayerRange layers;
    private final TokenizeRecipe recipe;

    TokenEncoder(String requested, Tokenizer tok, LayerRange layers, TokenizeRecipe recipe) {
        this.requested = requested;
        this.tok = tok;
        this.spec = tok.spec();
        this.layers = layers;
        this.recipe = recipe;
    }

    @Override
    public TokenRow encode(CorpusItem item) {
        AudioBuffer audio = AudioReader.readAs(Path.of(item.path()), spec.sampleRate(), spec.channels());
        TokenMatrix m = tok.encode(audio, layers);
        Map<String, float[]> side = new TreeMap<>();
        m.sideInfo().forEach((k, perItem) -> side.put(k, perItem[0]));
        return new TokenRow(item.id(), item.path(), requested, m.producer().name() + ":" + m.producer().variant(),
                m.producer().weightsHash(), spec.sampleRate(), spec.hopLength(), spec.frameRate(), m.firstLayer(),
                m.codebookSize(), audio.seconds(), m.itemCodes(0), tok.tokenMetadata(), side);
    }

    @Override
    public long frames(TokenRow row) {
        return row.frames();
    }

    @Override
    public double seconds(TokenRow row) {
        return row.durationSeconds();
    }

    @Override
    public OutputDescription describe() {
        Map<String, String> settings = new LinkedHashMap<>();
        recipe.options().forEach((k, v) -> settings.put("option." + k, v));
        settings.put("first_layer", Integer.toString(layers.start()));
        settings.put("end_layer", Integer.toString(layers.end()));
        Map<String, Object> format = new LinkedHashMap<>();
        format.put("first_layer", layers.start());
        format.put("layers", layers.end() - layers.start());
        format.put("codebook_size", spec.codebookSize());
        format.put("sample_rate", spec.sampleRate());
        format.put("hop_length", spec.hopLength());
        format.put("frame_rate", spec.frameRate());
        return new OutputDescription("tokens", requested, tok.producer().name() + ":" + tok.producer().variant(),
                tok.producer().weightsHash(), settings, format);
    }
}
