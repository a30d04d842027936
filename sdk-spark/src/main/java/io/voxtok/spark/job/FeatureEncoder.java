package io.voxtok.spark.job;

import io.voxtok.api.audio.AudioBuffer;
import io.voxtok.api.teacher.FeatureSequence;
import io.voxtok.api.teacher.LayerSelection;
import io.voxtok.api.teacher.Teacher;
import io.voxtok.audio.AudioReader;
import io.voxtok.spark.corpus.CorpusItem;
import io.voxtok.spark.parquet.FeatureRow;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** A loaded teacher: audio file to features row, read and represented as {@code voxtok features} does. */
final class FeatureEncoder implements PreparedRecipe<FeatureRow> {
    private final FeaturesRecipe recipe;
    private final Teacher teacher;
    private final LayerSelection layers;

    FeatureEncoder(FeaturesRecipe recipe, Teacher teacher, LayerSelection layers) {
        this.recipe = recipe;
        this.teacher = teacher;
        this.layers = layers;
    }

    @Override
    public FeatureRow encode(CorpusItem item) {
        AudioBuffer audio = AudioReader.readAs(Path.of(item.path()), teacher.spec().sampleRate(), 1);
        FeatureSequence fs = teacher.represent(audio, layers);
        float[] flat = fs.toArray();
        float[][] rows = new float[fs.frames()][];
        for (int t = 0; t < rows.length; t++) {
            rows[t] = java.util.Arrays.copyOfRange(flat, t * fs.dim(), (t + 1) * fs.dim());
        }
        return new FeatureRow(item.id(), item.path(), recipe.teacher(), producer(), recipe.layer(), fs.frameRate(),
                audio.seconds(), rows);
    }

    private String producer() {
        return teacher.id().name() + ":" + teacher.id().variant();
    }

    @Override
    public long frames(FeatureRow row) {
        return row.frames();
    }

    @Override
    public double seconds(FeatureRow row) {
        return row.durationSeconds();
    }

    @Override
    public OutputDescription describe() {
        Map<String, String> settings = new LinkedHashMap<>();
        recipe.options().forEach((k, v) -> settings.put("option." + k, v));
        settings.put("layer", recipe.layer());
        Map<String, Object> format = new LinkedHashMap<>();
        format.put("layer", recipe.layer());
        format.put("dim", teacher.spec().dim());
        format.put("sample_rate", teacher.spec().sampleRate());
        format.put("frame_rate", teacher.spec().frameRate());
        return new OutputDescription("features", recipe.teacher(), producer(), "none", settings, format);
    }
}
