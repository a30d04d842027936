package io.voxtok.data;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.voxtok.api.ErrorKind;
import io.voxtok.api.VoxtokException;
import io.voxtok.modelio.AtomicFiles;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes JSON Lines manifests in the format read by {@link ManifestDataset}. Whole manifests are written through
 * {@link AtomicFiles} (a temporary file moved into place), so a reader never sees half a manifest.
 */
public final class ManifestWriter {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ManifestWriter() {
    }

    /** One manifest line (no newline) for {@code e}, its path written relative to {@code base} when inside it. */
    public static String toJsonLine(CorpusEntry e, Path base) {
        ObjectNode o = JSON.createObjectNode();
        o.put("id", e.id());
        Path abs = e.audioPath().toAbsolutePath().normalize();
        Path b = base.toAbsolutePath().normalize();
        // Forward slashes so manifests are portable between operating systems.
        o.put("path", abs.startsWith(b) ? b.relativize(abs).toString().replace('\\', '/') : abs.toString());
        o.put("text", e.text());
        o.put("speaker", e.speaker());
        if (!e.phonemes().isEmpty()) {
            ArrayNode p = o.putArray("phonemes");
            e.phonemes().forEach(p::add);
        }
        e.alignment().ifPresent(a -> {
            ArrayNode rows = o.putArray("alignment");
            for (PhoneSegment s : a.segments()) {
                ArrayNode r = rows.addArray();
                r.add(s.phone());
                r.add(round6(s.start()));
                r.add(round6(s.end()));
            }
        });
        e.duration().ifPresent(d -> o.put("duration", round6(d)));
        o.put("split", e.split().label());
        try {
            return JSON.writeValueAsString(o);
        } catch (IOException ex) {
            throw new VoxtokException(ErrorKind.INTERNAL, "cannot serialise manifest entry " + e.id(), ex);
        }
    }

    /** Writes all entries to {@code manifest} atomically; paths are made relative to the manifest's folder. */
    public static void write(Path manifest, List<CorpusEntry> entries) {
        Path target = manifest.toAbsolutePath().normalize();
        Path dir = target.getParent();
        AtomicFiles.write(target, out -> {
            Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            for (CorpusEntry e : entries) {
                w.write(toJsonLine(e, dir));
                w.write('\n');
            }
            w.flush();
        });
    }

    private static double round6(double v) {
        return Math.round(v * 1e6) / 1e6;
    }
}
