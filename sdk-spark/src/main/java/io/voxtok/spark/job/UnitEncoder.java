package io.voxtok.spark.job;

import io.voxtok.api.audio.AudioBuffer;
import io.voxtok.api.teacher.FeatureSequence;
import io.voxtok.api.teacher.LayerSelection;
import io.voxtok.api.teacher.Teacher;
import io.voxtok.audio.AudioReader;
import io.voxtok.spark.corpus.CorpusItem;
import io.voxtok.spark.parquet.UnitRow;
import io.voxtok.units.Centroids;
import io.voxtok.units.UnitExtractor;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** A loaded teacher and centroids: audio file to units row, exactly as {@code voxtok units} reads and assigns it. */
final class UnitEncoder implements PreparedRecipe<UnitRow> {
    private final UnitsRecipe recipe;
    private final Teacher teacher;
    private final LayerSelection layers;
    private final UnitExtractor extractor;

    UnitEncoder(UnitsRecipe recipe, Teacher teacher, LayerSelection layers, Centroids centroids) {
        this.recipe = recipe;
        this.teacher = teacher;
        this.layers = layers;
        this.extractor = new UnitExtractor(centroids, recipe.dedup());
    }

    @Override
    public UnitRow encode(CorpusItem item) {
        AudioBuffer audio = AudioReader.readAs(Path.of(item.path()), teacher.spec().sampleRate(), 1);
        FeatureSequence fs = teacher.represent(audio, layers);
        return new UnitRow(item.id(), item.path(), recipe.teacher(), producer(), recipe.layer(), extractor.centroids().k(),
                recipe.dedup(), fs.frames(), fs.frameRate(), audio.seconds(), extractor.extract(fs));
    }

    private String producer() {
        return teacher.id().name() + ":" + teacher.id().variant();
    }

    @Override
    public long frames(UnitRow row) {
        return row.frames();
    }

    @Override
    public double seconds(UnitRow row) {
        return row.durationSeconds();
    }

    @Override
    public OutputDescription describe() {
        Map<String, String> settings = new LinkedHashMap<>();
        recipe.options().forEach((k, v) -> settings.put("option." + k, v));
        settings.put("layer", recipe.layer());
        settings.put("centroids_sha256", recipe.centroidsSha256());
        settings.put("dedup", Boolean.toString(recipe.dedup()));
        Map<String, Object> format = new LinkedHashMap<>();
        format.put("layer", recipe.layer());
        format.put("k", extractor.centroids().k());
        format.put("dedup", recipe.dedup());
        format.put("sample_rate", teacher.spec().sampleRate());
        format.put("frame_rate", teacher.spec().frameRate());
        return new OutputDescription("units", recipe.teacher(), producer(), "none", settings, format);
    }
}
