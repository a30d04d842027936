package io.voxtok.metrics;

import io.voxtok.api.ErrorKind;
import io.voxtok.api.VoxtokException;
import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds Vosk's small English model ({@code vosk-model-small-en-us}, Apache-2.0, about 70 MB unpacked), which
 * Alpha Cephei publishes as the Android archive {@code com.alphacephei:vosk-model-en:0.3.45} with the model under
 * {@code assets/model-en-us/}. Order: the folder named by system property {@code voxtok.vosk.model} (or
 * environment variable {@code VOXTOK_VOSK_MODEL}), used as it is; else the cache
 * {@code <cache>/voxtok/vosk/0.3.45-nodither/model-en-us}, unpacking the archive there on first use with Kaldi's
 * dither turned off ({@link #CACHE_NAME}). {@code <cache>} is {@code $XDG_CACHE_HOME} or {@code ~/.cache}. The
 * archive is found on the class path (it is a dependency of this module) or in the local Maven repository.
 * Unpacking goes to a temporary sibling folder that is renamed into place, so concurrent first uses never see a
 * half-written model.
 */
public final class VoskModelCache {
    /** Version of the model archive. */
    public static final String VERSION = "0.3.45";
    /**
     * The cache folder's name: the archive's version plus what Voxtok changes in its copy. The archive's
     * {@code conf/mfcc.conf} leaves Kaldi's dither at its default (1.0): noise drawn from a process-wide random
     * generator is added to every sample, so a file's transcript depended on how much audio the process had
     * recognised before (the WER of the same originals varied 0.190-0.218 between checkpoints of one
     * learning-curve run; 0.231 throughout with dither off). The copy turns dither off.
     */
    static final String CACHE_NAME = VERSION + "-nodither";
    /** The line appended to the cached copy's {@code conf/mfcc.conf}. */
    static final String NO_DITHER = "--dither=0";
    static final String ASSETS = "assets/model-en-us/";
    private static final Logger LOG = LoggerFactory.getLogger(VoskModelCache.class);

    private VoskModelCache() {
    }

    /** The model folder, unpacking it on first use. */
    public static Path modelDirectory() {
        String explicit = System.getProperty("voxtok.vosk.model", System.getenv("VOXTOK_VOSK_MODEL"));
        if (explicit != null && !explicit.isBlank()) {
            Path p = Path.of(explicit);
            if (!Files.isRegularFile(p.resolve("conf/model.conf"))) {
                throw VoxtokException.userInput("Vosk model folder " + p + " (voxtok.vosk.model) has no conf/model.conf");
            }
            return p;
        }
        Path version = cacheRoot().resolve("voxtok").resolve("vosk").resolve(CACHE_NAME);
        Path model = version.resolve("model-en-us");
        if (Files.isRegularFile(model.resolve("conf/model.conf"))) {
            return model;
        }
        unpack(findArchive(), version);
        return model;
    }

    static Path cacheRoot() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        return xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
    }

    /** The .aar on the class path, else in {@code ~/.m2}. */
    static Path findArchive() {
        URL url = VoskModelCache.class.getClassLoader().getResource(ASSETS + "conf/model.conf");
        if (url != null && "jar".equals(url.getProtocol())) {
            try {
                JarURLConnection c = (JarURLConnection) url.openConnection();
                URL file = c.getJarFileURL();
                if ("file".equals(file.getProtocol())) {
                    return Path.of(file.toURI());
                }
            } catch (IOException | URISyntaxException e) {
                LOG.debug("cannot locate the Vosk model archive from {}", url, e);
            }
        }
        Path m2 = Path.of(System.getProperty("user.home"), ".m2", "repository", "com", "alphacephei", "vosk-model-en",
                VERSION, "vosk-model-en-" + VERSION + ".aar");
        if (Files.isRegularFile(m2)) {
            return m2;
        }
        throw new VoxtokException(ErrorKind.ENVIRONMENT, "Vosk model archive com.alphacephei:vosk-model-en:" + VERSION
                + ":aar is neither on the class path nor at " + m2 + "; fetch it with 'mvn dependency:get "
                + "-Dartifact=com.alphacephei:vosk-model-en:" + VERSION + ":aar' or set -Dvoxtok.vosk.model=<folder>");
    }

    /** Unpacks {@code assets/model-en-us/**} of {@code archive} so that {@code target/model-en-us} appears atomically. */
    static void unpack(Path archive, Path target) {
        Path tmp = null;
        try {
            Files.createDirectories(target.getParent());
            tmp = Files.createTempDirectory(target.getParent(), "." + target.getFileName() + "-");
            LOG.info("unpacking Vosk model from {} to {}", archive, target);
            try (ZipFile zip = new ZipFile(archive.toFile())) {
                Enumeration<? extends ZipEntry> en = zip.entries();
                int files = 0;
                while (en.hasMoreElements()) {
                    ZipEntry e = en.nextElement();
                    if (!e.getName().startsWith(ASSETS) || e.isDirectory()) {
                        continue;
                    }
                    Path out = tmp.resolve("model-en-us").resolve(e.getName().substring(ASSETS.length())).normalize();
                    if (!out.startsWith(tmp)) {
                        throw new VoxtokException(ErrorKind.ENVIRONMENT, "unsafe entry " + e.getName() + " in " + archive);
                    }
                    Files.createDirectories(out.getParent());
                    try (InputStream in = zip.getInputStream(e)) {
                        Files.copy(in, out);
                    }
                    files++;
                }
                if (files == 0 || !Files.isRegularFile(tmp.resolve("model-en-us/conf/model.conf"))) {
                    throw new VoxtokException(ErrorKind.ENVIRONMENT, archive + " holds no Vosk model under " + ASSETS);
                }
                // deterministic features (see CACHE_NAME); the last occurrence of an option wins in Kaldi's configs
                Path mfcc = tmp.resolve("model-en-us/conf/mfcc.conf");
                String conf = Files.isRegularFile(mfcc) ? Files.readString(mfcc) : "";
                Files.writeString(mfcc, conf + (conf.isEmpty() || conf.endsWith("\n") ? "" : "\n") + NO_DITHER + "\n");
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
                tmp = null;
            } catch (AtomicMoveNotSupportedException e) {
                throw new VoxtokException(ErrorKind.ENVIRONMENT, "cannot rename " + tmp + " to " + target, e);
            } catch (IOException e) {
                // rename(2) onto an existing non-empty folder fails: another process finished first. Its copy is
                // complete (it was renamed into place whole); anything else is a real error.
                if (!Files.isRegularFile(target.resolve("model-en-us/conf/model.conf"))) {
                    throw e;
                }
                LOG.debug("another process unpacked the Vosk model first");
            }
        } catch (IOException e) {
            throw new VoxtokException(ErrorKind.ENVIRONMENT, "cannot unpack the Vosk model from " + archive + " to "
                    + target + ": " + e.getMessage(), e);
        } finally {
            deleteTree(tmp);
        }
        if (!Files.isRegularFile(target.resolve("model-en-us/conf/model.conf"))) {
            throw new VoxtokException(ErrorKind.ENVIRONMENT, "Vosk model cache " + target + " exists but is incomplete; delete it");
        }
    }

    private static void deleteTree(Path p) {
        if (p == null || !Files.exists(p)) {
            return;
        }
        try (Stream<Path> s = Files.walk(p)) {
            s.sorted(Comparator.reverseOrder()).forEach(x -> x.toFile().delete());
        } catch (IOException e) {
            LOG.warn("cannot delete temporary folder {}", p);
        }
    }
}
