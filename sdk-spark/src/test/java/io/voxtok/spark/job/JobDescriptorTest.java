package io.voxtok.spark.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A re-run must ask for the same job; what differs is named. The descriptor survives its JSON round trip. */
class JobDescriptorTest {
    private static JobDescriptor job(int shardSize, Map<String, String> settings, String hash) {
        return new JobDescriptor(JobDescriptor.FORMAT, "tokens", "/c", "dir", "speechtokenizer", "speechtokenizer:default",
                hash, "speechtokenizer-small", settings, shardSize, 7, 3, "f00d");
    }

    @Test
    void sameJobHasNoDifferences() throws Exception {
        JobDescriptor a = job(3, Map.of("option.chunking", "off"), "ab");
        ObjectMapper json = new ObjectMapper();
        JobDescriptor back = json.readValue(json.writeValueAsString(a), JobDescriptor.class);
        assertEquals(List.of(), a.differences(back));
    }

    @Test
    void differencesAreNamed() {
        List<String> d = job(3, Map.of(), "ab").differences(job(2, Map.of("option.chunking", "off"), "cd"));
        assertEquals(3, d.size(), d.toString());
        assertTrue(d.get(0).startsWith("weights_hash"), d.toString());
        assertTrue(d.stream().anyMatch(s -> s.startsWith("settings")), d.toString());
        assertTrue(d.stream().anyMatch(s -> s.equals("shard_size (was 2, now 3)")), d.toString());
    }
}
