package io.voxtok.spark.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.voxtok.api.ErrorKind;
import io.voxtok.api.VoxtokException;
import io.voxtok.spark.corpus.CorpusItem;
import org.junit.jupiter.api.Test;

/** Which errors become failure rows (bad input) and which fail the task (a broken executor). */
class ShardWorkerFailureTest {
    private final CorpusItem item = new CorpusItem("a/u", "/c/a/u.wav");

    @Test
    void badInputIsAFailureRowNamingTheFile() {
        FailedItem f = ShardWorker.failure(item, VoxtokException.userInput("unrecognized audio format"));
        assertEquals("USER_INPUT", f.kind());
        assertEquals("/c/a/u.wav: unrecognized audio format", f.error());
        FailedItem g = ShardWorker.failure(item, new IllegalStateException("/c/a/u.wav: odd"));
        assertEquals("IllegalStateException", g.kind());
        assertEquals("/c/a/u.wav: odd", g.error(), "the path is not repeated when the message names it");
    }

    @Test
    void engineAndPluginErrorsFailTheTask() {
        for (ErrorKind k : new ErrorKind[] {ErrorKind.ENVIRONMENT, ErrorKind.PLUGIN}) {
            VoxtokException e = new VoxtokException(k, "libtorch is gone");
            assertSame(e, assertThrows(VoxtokException.class, () -> ShardWorker.failure(item, e)));
        }
    }
}
