package io.voxtok.spark.job;

import io.voxtok.api.ComponentConfig;
import io.voxtok.api.teacher.LayerSelection;
import io.voxtok.api.teacher.Teacher;
import io.voxtok.runtime.VoxtokRuntime;
import io.voxtok.spark.parquet.FeatureRow;
import io.voxtok.spark.parquet.ShardParquetWriter;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;

/**
 * Features: a teacher's hidden state of each utterance, {@code [frame][dim]} (what {@code voxtok features} writes as
 * one {@code .npy} per file).
 *
 * @param teacher  teacher name ({@code hubert}, {@code phone-teacher})
 * @param model    the model as the driver resolved it (absolute)
 * @param modelArg the model as given
 * @param options  teacher options
 * @param layer    hidden state: {@code N} or {@code avg}
 */
public record FeaturesRecipe(String teacher, String model, String modelArg, Map<String, String> options, String layer)
        implements ShardRecipe<FeatureRow> {
    private static final long serialVersionUID = 1L;

    /** Copies the options into a sorted map. */
    public FeaturesRecipe {
        options = new TreeMap<>(options);
    }

    @Override
    public PreparedRecipe<FeatureRow> prepare(VoxtokRuntime rt) {
        LayerSelection layers = TeacherLayers.parse(layer);
        Teacher t = rt.createTeacher(teacher, new ComponentConfig(options,
                Optional.of(ExecutorPaths.locate(model, modelArg, "model"))));
        return new FeatureEncoder(this, t, layers);
    }

    @Override
    public ShardParquetWriter<FeatureRow> writer(org.apache.hadoop.fs.Path file, Configuration conf) throws IOException {
        return ShardParquetWriter.features(file, conf);
    }
}
