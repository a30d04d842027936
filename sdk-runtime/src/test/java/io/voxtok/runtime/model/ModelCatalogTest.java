package io.voxtok.runtime.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelCatalogTest {
    @TempDir
    Path tmp;

    @Test
    void namesResolveToTheFirstRootHoldingThem() throws Exception {
        Path a = Files.createDirectories(tmp.resolve("a"));
        Path b = Files.createDirectories(tmp.resolve("b"));
        Files.createDirectories(b.resolve("small"));
        Files.writeString(b.resolve("small/config.json"), "{}");
        Files.createDirectories(a.resolve("other"));
        Files.writeString(a.resolve("other/config.json"), "{}");
        ModelCatalog c = new ModelCatalog(List.of(a, b));
        assertEquals(b.resolve("small").toAbsolutePath(), c.resolve(Path.of("small")));
        assertEquals(List.of("other", "small"), c.names());
        Files.createDirectories(a.resolve("small"));
        assertEquals(a.resolve("small").toAbsolutePath(), c.find("small").orElseThrow());
    }

    @Test
    void existingPathsAndUnknownNamesAreKept() throws Exception {
        ModelCatalog c = new ModelCatalog(List.of(tmp));
        Path existing = Files.createDirectories(tmp.resolve("x/y"));
        assertEquals(existing, c.resolve(existing));
        assertEquals(Path.of("nope"), c.resolve(Path.of("nope")));
        assertEquals(Path.of("some/dir"), c.resolve(Path.of("some/dir")));
        assertFalse(ModelCatalog.isName("../up"));
        assertFalse(ModelCatalog.isName(".."));
        assertTrue(ModelCatalog.isName("speechtokenizer-small"));
    }
}
