package io.voxtok.spark.job;

import io.voxtok.api.ComponentConfig;
import io.voxtok.api.VoxtokException;
import io.voxtok.api.teacher.LayerSelection;
import io.voxtok.api.teacher.Teacher;
import io.voxtok.runtime.VoxtokRuntime;
import io.voxtok.spark.parquet.ShardParquetWriter;
import io.voxtok.spark.parquet.UnitRow;
import io.voxtok.units.Centroids;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;

/**
 * Units: a teacher's features of one hidden state, each frame replaced by its nearest k-means centroid (what
 * {@code voxtok units} writes as JSON Lines). The centroids file is found on each executor like the model (the
 * driver's path, else what spark-submit shipped) and must have the SHA-256 the driver saw.
 *
 * @param teacher         teacher name ({@code hubert}, {@code phone-teacher})
 * @param model           the model as the driver resolved it (absolute)
 * @param modelArg        the model as given
 * @param options         teacher options
 * @param layer           hidden state: {@code N} or {@code avg}
 * @param centroids       the centroids {@code .npy} as the driver resolved it (absolute)
 * @param centroidsArg    the centroids as given
 * @param centroidsSha256 hex SHA-256 of the centroids file
 * @param dedup           collapse runs of one unit
 */
public record UnitsRecipe(String teacher, String model, String modelArg, Map<String, String> options, String layer,
                          String centroids, String centroidsArg, String centroidsSha256, boolean dedup)
        implements ShardRecipe<UnitRow> {
    private static final long serialVersionUID = 1L;

    /** Copies the options into a sorted map. */
    public UnitsRecipe {
        options = new TreeMap<>(options);
    }

    @Override
    public PreparedRecipe<UnitRow> prepare(VoxtokRuntime rt) {
        LayerSelection layers = TeacherLayers.parse(layer);
        Path c = ExecutorPaths.locate(centroids, centroidsArg, "centroids file");
        String sha = sha256(c);
        if (!sha.equals(centroidsSha256)) {
            throw VoxtokException.userInput(c + ": SHA-256 " + sha + " differs from the driver's centroids (" + centroidsSha256 + ")");
        }
        Centroids km = Centroids.load(c);
        Teacher t = rt.createTeacher(teacher, new ComponentConfig(options,
                Optional.of(ExecutorPaths.locate(model, modelArg, "model"))));
        if (t.spec().dim() != km.dim()) {
            throw new IllegalArgumentException(c + ": centroids have dimension " + km.dim() + " but the teacher's features have "
                    + t.spec().dim());
        }
        return new UnitEncoder(this, t, layers, km);
    }

    @Override
    public ShardParquetWriter<UnitRow> writer(org.apache.hadoop.fs.Path file, Configuration conf) throws IOException {
        return ShardParquetWriter.units(file, conf);
    }

    /** Hex SHA-256 of a file. */
    public static String sha256(Path file) {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (IOException e) {
            throw VoxtokException.userInput(file + ": cannot read: " + e.getMessage());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
