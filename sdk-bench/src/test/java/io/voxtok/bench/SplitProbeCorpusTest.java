package io.voxtok.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.voxtok.bench.corpus.BenchCorpus;
import io.voxtok.bench.corpus.SplitProbeCorpus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The probe corpus takes train and dev items from the whole corpus, whatever split the benchmark evaluates, capped
 * and taken in turn from each speaker so that a cut keeps every voice.
 */
class SplitProbeCorpusTest {
    @TempDir
    Path dir;

    @Test
    void capsEachSplitRoundRobinOverSpeakers() throws Exception {
        StringBuilder m = new StringBuilder();
        String[][] items = {{"train", "a", "6"}, {"train", "b", "2"}, {"dev", "c", "3"}, {"test", "d", "2"}};
        for (String[] it : items) {
            for (int i = 0; i < Integer.parseInt(it[2]); i++) {
                String id = it[1] + "_" + it[0] + "_" + i;
                m.append("{\"id\":\"").append(id).append("\",\"path\":\"audio/").append(id).append(".wav\",\"text\":\"x\","
                        + "\"speaker\":\"").append(it[1]).append("\",\"split\":\"").append(it[0]).append("\"}\n");
            }
        }
        Files.writeString(dir.resolve("manifest.jsonl"), m.toString());
        BenchCorpus corpus = BenchCorpus.open(dir, "test", 10);
        assertEquals(2, corpus.entries().size(), "the benchmark utterances: the test split");
        SplitProbeCorpus probe = new SplitProbeCorpus(corpus, 4, 2);
        // 4 of 8 train items, two per speaker (speaker b has only two), then 2 of 3 dev items
        assertEquals(List.of("a_train_0", "a_train_1", "b_train_0", "b_train_1", "c_dev_0", "c_dev_1"), probe.ids());
        assertTrue(probe.description().startsWith("4 train and 2 dev utterances"), probe.description());
    }
}
