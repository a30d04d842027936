package io.voxtok.runtime.plugin;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.pf4j.PluginRepository;
import org.pf4j.util.FileUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The plugins directory: each {@code NAME.zip} is unpacked into {@code NAME/} (again when the zip is newer), and
 * the unpacked directory is marked as coming from that zip. A marked directory whose zip is gone is not a plugin
 * any more and is deleted, so removing a zip uninstalls the plugin (PF4J's own repository keeps loading the
 * unpacked copy). Unmarked directories (unpacked by hand) are plugins as they stand.
 */
final class UnpackingPluginRepository implements PluginRepository {
    /** Written into every directory this repository unpacked; holds the zip's file name. */
    static final String MARKER = ".voxtok-unpacked-from";
    private static final Logger LOG = LoggerFactory.getLogger(UnpackingPluginRepository.class);
    private final Path root;
    private final List<RefusedPlugin> refused;

    /**
     * @param root    the plugins directory
     * @param refused where zips that cannot be unpacked are reported
     */
    UnpackingPluginRepository(Path root, List<RefusedPlugin> refused) {
        this.root = root;
        this.refused = refused;
    }

    @Override
    public List<Path> getPluginPaths() {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        for (Path zip : list(p -> Files.isRegularFile(p) && p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".zip"))) {
            unpack(zip);
        }
        List<Path> out = new ArrayList<>();
        for (Path dir : list(Files::isDirectory)) {
            String name = dir.getFileName().toString();
            if (name.startsWith(".")) {
                continue;
            }
            Path marker = dir.resolve(MARKER);
            if (Files.isRegularFile(marker) && !Files.isRegularFile(root.resolve(readMarker(marker)))) {
                removeStale(dir, readMarker(marker));
                continue;
            }
            out.add(dir);
        }
        // plain jars dropped into the directory are plugins too
        out.addAll(list(p -> Files.isRegularFile(p) && p.getFileName().toString().endsWith(".jar")));
        return out;
    }

    private void unpack(Path zip) {
        try {
            Path dir = FileUtils.expandIfZip(zip);
            Path marker = dir.resolve(MARKER);
            if (!Files.isRegularFile(marker)) {
                Files.writeString(marker, zip.getFileName().toString());
            }
        } catch (IOException | RuntimeException e) {
            refused.add(new RefusedPlugin(zip.getFileName().toString(), "?", zip, "cannot unpack: " + e.getMessage()));
        }
    }

    private static String readMarker(Path marker) {
        try {
            return Files.readString(marker).trim();
        } catch (IOException e) {
            return "";
        }
    }

    private static void removeStale(Path dir, String zipName) {
        LOG.info("plugin directory {} was unpacked from {}, which is gone: removing it", dir, zipName);
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // read-only plugins directory: the plugin is skipped all the same
            LOG.warn("cannot remove stale plugin directory {}: {}", dir, e.toString());
        }
    }

    private List<Path> list(java.util.function.Predicate<Path> filter) {
        try (Stream<Path> s = Files.list(root)) {
            return s.filter(filter).sorted().toList();
        } catch (IOException e) {
            LOG.warn("cannot list plugins directory {}: {}", root, e.toString());
            return List.of();
        }
    }

    @Override
    public boolean deletePluginPath(Path pluginPath) {
        return false;
    }
}
