package io.voxtok.bench.subject;

import io.voxtok.api.ComponentId;
import io.voxtok.api.VoxtokException;
import io.voxtok.api.audio.AudioBuffer;
import io.voxtok.api.teacher.LayerSelection;
import io.voxtok.api.teacher.Teacher;
import io.voxtok.api.token.LayerRange;
import io.voxtok.api.token.TokenMatrix;
import io.voxtok.api.token.TokenProducer;
import io.voxtok.api.token.Tokenizer;
import io.voxtok.api.token.TokenizerSpec;
import io.voxtok.units.Centroids;
import io.voxtok.units.UnitExtractor;
import java.util.List;

/**
 * K-means units of a teacher's features as a one-layer, content-only tokenizer (the paper's "HuBERT KM500" row):
 * each teacher frame becomes its nearest centroid. It cannot decode (no unit vocoder ships with Voxtok), so
 * benchmarks that resynthesise report it as not applicable. Does not own the teacher. Thread-safe as the teacher.
 */
public final class TeacherUnitsTokenizer implements Tokenizer {
    private final Teacher teacher;
    private final LayerSelection layer;
    private final UnitExtractor units;
    private final TokenizerSpec spec;
    private final TokenProducer producer;
    private final ComponentId id;

    /**
     * @param teacher   the teacher
     * @param layer     its hidden state
     * @param centroids k-means centroids of that hidden state's features
     * @param hash      identifies teacher weights, layer and centroids (stamped on the tokens)
     */
    public TeacherUnitsTokenizer(Teacher teacher, LayerSelection layer, Centroids centroids, String hash) {
        this.teacher = teacher;
        this.layer = layer;
        this.units = new UnitExtractor(centroids, false);
        int rate = teacher.spec().sampleRate();
        int hop = (int) Math.round(rate / teacher.spec().frameRate());
        this.spec = new TokenizerSpec(rate, 1, hop, 1, centroids.k(), 1, false, false);
        this.id = new ComponentId("units", "km" + centroids.k());
        this.producer = new TokenProducer("units", "km" + centroids.k(), hash);
    }

    @Override
    public ComponentId id() {
        return id;
    }

    @Override
    public TokenizerSpec spec() {
        return spec;
    }

    @Override
    public TokenProducer producer() {
        return producer;
    }

    @Override
    public TokenMatrix encode(AudioBuffer audio, LayerRange layers) {
        if (layers.start() != 0 || layers.end() != 1) {
            throw new IllegalArgumentException("k-means units have one layer, asked for " + layers);
        }
        int[] u = units.frameUnits(teacher.represent(audio, layer));
        return TokenMatrix.single(new int[][] {u}, 0, spec.codebookSize(), teacher.spec().frameRate(), producer);
    }

    @Override
    public List<AudioBuffer> decodeBatch(TokenMatrix tokens) {
        throw VoxtokException.userInput("k-means units cannot be decoded: Voxtok has no unit vocoder");
    }

    @Override
    public void close() {
        // the teacher belongs to the runtime that created it
    }
}
