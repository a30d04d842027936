package io.voxtok.spark.job;

import io.voxtok.api.ErrorKind;
import io.voxtok.api.VoxtokException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.SparkFiles;

/**
 * Finds, on an executor, a file or folder the driver named: at the driver's path (a shared file system, or local
 * mode), else under Spark's files root (what {@code spark-submit --files/--archives} shipped), else in the working
 * folder (YARN unpacks archives there).
 */
public final class ExecutorPaths {
    private ExecutorPaths() {
    }

    /**
     * The first existing candidate for {@code driverPath} / {@code given}.
     *
     * @param driverPath the absolute path on the driver
     * @param given      what the user typed (a name or a relative path), or null
     * @param what       "model" or "plugins folder", for the error
     * @throws VoxtokException ENVIRONMENT naming every place tried
     */
    public static Path locate(String driverPath, String given, String what) {
        Set<Path> tried = new LinkedHashSet<>();
        tried.add(Path.of(driverPath));
        List<String> names = new ArrayList<>();
        names.add(Path.of(driverPath).getFileName().toString());
        if (given != null) {
            names.add(given);
            names.add(Path.of(given).getFileName().toString());
        }
        String root = sparkFilesRoot();
        for (String n : names) {
            if (root != null) {
                tried.add(Path.of(root, n));
            }
            tried.add(Path.of(n).toAbsolutePath());
        }
        for (Path p : tried) {
            if (Files.exists(p)) {
                return p.toAbsolutePath().normalize();
            }
        }
        throw new VoxtokException(ErrorKind.ENVIRONMENT, "the " + what + " is not on this executor; tried " + tried
                + " (put it on a shared path, or ship it with spark-submit --archives)");
    }

    private static String sparkFilesRoot() {
        try {
            return SparkFiles.getRootDirectory();
        } catch (RuntimeException e) {
            // No SparkEnv in this JVM (a plain unit test): there is no files root to look in.
            return null;
        }
    }
}
