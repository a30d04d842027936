package io.voxtok.spark.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.voxtok.api.ErrorKind;
import io.voxtok.api.VoxtokException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where an executor finds the driver's plugins folder or model (no Spark here: the driver's path, then the working folder). */
class ExecutorPathsTest {
    @TempDir
    Path dir;

    @Test
    void theDriversPathWinsWhenItExists() throws IOException {
        Path model = Files.createDirectories(dir.resolve("models/small"));
        assertEquals(model, ExecutorPaths.locate(model.toString(), "small", "model"));
    }

    @Test
    void aMissingPathIsAnEnvironmentErrorNamingWhatWasTried() {
        String driver = dir.resolve("on-the-driver-only/speechtokenizer-small").toString();
        VoxtokException e = assertThrows(VoxtokException.class,
                () -> ExecutorPaths.locate(driver, "speechtokenizer-small-xyz", "model"));
        assertEquals(ErrorKind.ENVIRONMENT, e.kind());
        assertTrue(e.getMessage().contains(driver) && e.getMessage().contains("speechtokenizer-small-xyz")
                && e.getMessage().contains("--archives"), e.getMessage());
    }

    @Test
    void theWorkingFolderIsTriedByName() {
        // 'src' exists in this module's working folder (where surefire runs), not at the driver's path.
        Path found = ExecutorPaths.locate(dir.resolve("elsewhere/src").toString(), null, "plugins folder");
        assertEquals(Path.of("src").toAbsolutePath().normalize(), found);
    }
}
