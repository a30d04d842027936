package io.voxtok.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.voxtok.api.audio.AudioBuffer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;

/** Loads the outputs of src/test/python/make_reference.py from test resources. */
final class ReferenceData {
    private ReferenceData() {
    }

    static JsonNode json() {
        try (InputStream in = resource("reference.json")) {
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static AudioBuffer signal(String name, int rate) {
        try (InputStream in = resource(name)) {
            ByteBuffer b = ByteBuffer.wrap(in.readAllBytes()).order(ByteOrder.LITTLE_ENDIAN);
            float[] x = new float[b.remaining() / 4];
            b.asFloatBuffer().get(x);
            return AudioBuffer.ofMono(x, rate);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream resource(String name) {
        InputStream in = ReferenceData.class.getResourceAsStream("/reference/" + name);
        if (in == null) {
            throw new IllegalStateException("missing test resource reference/" + name
                    + " (generate with src/test/python/make_reference.py)");
        }
        return in;
    }

    /** The bundled corpus folder (committed under corpus/bundled); fails when absent. */
    static Path bundledCorpus() {
        String root = System.getProperty("voxtok.root");
        if (root == null) {
            throw new IllegalStateException("system property voxtok.root is not set (surefire sets it)");
        }
        Path p = Path.of(root, "corpus", "bundled");
        if (!p.resolve("manifest.jsonl").toFile().isFile()) {
            throw new IllegalStateException("bundled corpus missing at " + p);
        }
        return p;
    }
}
