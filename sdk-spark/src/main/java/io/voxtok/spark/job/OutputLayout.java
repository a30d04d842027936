package io.voxtok.spark.job;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The output folder of a job and its commit protocol, through Hadoop's file system API (a local folder, HDFS or an
 * object store):
 *
 * <pre>
 * OUT/job.json                     what was asked (a re-run must ask the same)
 * OUT/tokens/shard-NNNNN.parquet   rows: tokens (units/ or features/ for teacher jobs)
 * OUT/failures/shard-NNNNN.parquet utterances that failed, with their errors
 * OUT/_committed/shard-NNNNN.json  the shard's counts; its presence is the commit
 * OUT/_temporary/                  attempts in progress (a killed run leaves debris here, removed by the next)
 * OUT/manifest.json                counts, durations and failures of the whole output, written last
 * </pre>
 *
 * A shard is written under {@code _temporary/}, moved into {@code tokens/} and {@code failures/} by renames, and
 * committed by the rename of its marker: a shard either has a marker and both files, or is redone by the next run.
 */
public final class OutputLayout {
    private final String root;
    private final Map<String, String> hadoopConf;

    /**
     * @param root       the output folder, a path or URI ({@code /data/out}, {@code hdfs://nn/out}, {@code s3a://b/out})
     * @param hadoopConf extra Hadoop settings (the driver's {@code spark.hadoop.*}), applied on every JVM
     */
    public OutputLayout(String root, Map<String, String> hadoopConf) {
        this.root = root;
        this.hadoopConf = Map.copyOf(hadoopConf);
    }

    /** The Hadoop configuration to use on this JVM. */
    public Configuration conf() {
        Configuration c = new Configuration();
        hadoopConf.forEach(c::set);
        return c;
    }

    /** The file system of the output, with client-side checksum files off (a .crc beside every shard helps nobody). */
    public FileSystem fs() throws IOException {
        FileSystem fs = new Path(root).getFileSystem(conf());
        fs.setWriteChecksum(false);
        return fs;
    }

    /** The output folder as a fully qualified path. */
    public Path root() throws IOException {
        return fs().makeQualified(new Path(root));
    }

    /** A path under the output folder. */
    public Path resolve(String relative) throws IOException {
        return new Path(root(), relative);
    }

    /** The output folder as a URI (for Spark readers and messages). */
    public URI uri() throws IOException {
        return root().toUri();
    }

    /** The rows of shard {@code name} for a job of {@code kind} ({@code tokens/}, {@code units/} or {@code features/}). */
    public Path rows(String kind, String name) throws IOException {
        return resolve(kind + "/" + name + ".parquet");
    }

    /** The failures shard of shard {@code name}. */
    public Path failures(String name) throws IOException {
        return resolve("failures/" + name + ".parquet");
    }

    /** The commit marker of shard {@code name}. */
    public Path marker(String name) throws IOException {
        return resolve("_committed/" + name + ".json");
    }

    /** A fresh folder for one attempt at shard {@code name}. */
    public Path attemptDir(String name) throws IOException {
        return resolve("_temporary/" + name + "-" + UUID.randomUUID());
    }

    /** The shard numbers that have a commit marker, sorted. */
    public TreeSet<Integer> committed() throws IOException {
        TreeSet<Integer> out = new TreeSet<>();
        Path dir = resolve("_committed");
        FileSystem fs = fs();
        if (!fs.exists(dir)) {
            return out;
        }
        for (FileStatus s : fs.listStatus(dir)) {
            String n = s.getPath().getName();
            if (n.matches("shard-\\d+\\.json")) {
                out.add(Integer.parseInt(n.substring(6, n.length() - 5)));
            }
        }
        return out;
    }

    /** Reads a small UTF-8 file, or null when it does not exist. */
    public String readString(Path file) throws IOException {
        FileSystem fs = fs();
        if (!fs.exists(file)) {
            return null;
        }
        try (var in = fs.open(file)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Writes a small UTF-8 file atomically: to a temporary file beside it, then a rename over it. */
    public void writeStringAtomically(Path file, String text) throws IOException {
        FileSystem fs = fs();
        Path tmp = new Path(file.getParent(), "." + file.getName() + "." + UUID.randomUUID() + ".tmp");
        try (OutputStream out = fs.create(tmp, true)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        moveReplacing(tmp, file);
    }

    /**
     * Renames {@code from} to {@code to}, replacing {@code to} if a killed attempt left one (same shard, same
     * inputs: the same bytes). Hadoop's rename does not replace, hence the delete first.
     */
    public void moveReplacing(Path from, Path to) throws IOException {
        FileSystem fs = fs();
        fs.mkdirs(to.getParent());
        if (fs.exists(to)) {
            fs.delete(to, false);
        }
        if (!fs.rename(from, to)) {
            throw new IOException("cannot rename " + from + " to " + to);
        }
    }

    /** Deletes a path recursively if it exists. */
    public void deleteRecursively(Path p) throws IOException {
        FileSystem fs = fs();
        if (fs.exists(p)) {
            fs.delete(p, true);
        }
    }
}
