package io.voxtok.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import io.voxtok.api.VoxtokException;
import io.voxtok.api.bench.Metric;
import io.voxtok.data.PhoneAlignment;
import io.voxtok.data.PhoneSegment;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Bitrate, codebook usage and PNMI against closed forms and numpy (make_reference.py). */
class TokenMetricsTest {
    @Test
    void bitrateAndTokenRate() {
        assertEquals(4000.0, TokenRates.bitrate(50, 8, 1024).value(), 1e-9);
        assertEquals(400.0, TokenRates.tokenRate(50, 8).value(), 1e-9);
        assertEquals(75 * 2 * 10.0, TokenRates.bitrate(75, 2, 1024).value(), 1e-9);
        assertThrows(IllegalArgumentException.class, () -> TokenRates.bitrate(Double.NaN, 8, 1024));
    }

    @Test
    void pnmiAndPuritiesMatchNumpy() {
        JsonNode r = ReferenceData.json().get("codes");
        int k = r.get("codebook_size").asInt();
        int n = r.get("codes").size();
        int[] codes = new int[n];
        String[] phones = new String[n];
        for (int i = 0; i < n; i++) {
            codes[i] = r.get("codes").get(i).asInt();
            phones[i] = r.get("phones").get(i).asText();
        }
        List<Metric> m = new Pnmi(k).add(codes, phones).metrics();
        assertEquals(r.get("pnmi").asDouble(), m.get(0).value(), 1e-12);
        assertEquals(r.get("phone_purity").asDouble(), m.get(1).value(), 1e-12);
        assertEquals(r.get("cluster_purity").asDouble(), m.get(2).value(), 1e-12);
        List<Metric> u = new CodebookUsage(1, 0, k).add(0, codes).metrics();
        assertEquals(r.get("utilisation").asDouble(), u.get(0).value(), 1e-12);
        assertEquals(r.get("perplexity").asDouble(), u.get(1).value(), 1e-9);
    }

    @Test
    void pnmiClosedForms() {
        String[] phones = {"a", "b", "c", "a", "b", "c", "a", "a"};
        int[] bijective = {3, 1, 2, 3, 1, 2, 3, 3};
        assertEquals(1.0, new Pnmi(4).add(bijective, phones).metrics().get(0).value(), 1e-12);
        int[] constant = new int[phones.length];
        assertEquals(0.0, new Pnmi(4).add(constant, phones).metrics().get(0).value(), 1e-12);
        assertThrows(VoxtokException.class, () -> new Pnmi(4).add(new int[3], phones));
        assertThrows(VoxtokException.class, () -> new Pnmi(4).metrics());
        assertThrows(VoxtokException.class, () -> new Pnmi(4).add(new int[] {0, 1}, new String[] {"a", "a"}).metrics());
    }

    @Test
    void pnmiFromTokensAndAlignment() {
        // 50 Hz tokens, 10 frames = 0.2 s; phone "x" covers [0, 0.1), "y" [0.1, 0.2): codes follow phones exactly.
        int[][] codes = {{0, 0, 0, 0, 0, 1, 1, 1, 1, 1}};
        var tokens = io.voxtok.api.token.TokenMatrix.single(codes, 0, 4, 50.0, testProducer());
        PhoneAlignment al = new PhoneAlignment(List.of(new PhoneSegment("x", 0, 0.1), new PhoneSegment("y", 0.1, 0.2)));
        assertEquals(1.0, new Pnmi(4).add(tokens, 0, 0, al).metrics().get(0).value(), 1e-12);
    }

    @Test
    void codebookUsageClosedForm() {
        int[] uniform = {0, 1, 2, 3, 0, 1, 2, 3};
        List<Metric> m = new CodebookUsage(1, 0, 8).add(0, uniform).metrics();
        assertEquals(0.5, m.get(0).value(), 1e-12);
        assertEquals(4.0, m.get(1).value(), 1e-12);
        assertThrows(VoxtokException.class, () -> new CodebookUsage(1, 0, 8).metrics());
    }

    static io.voxtok.api.token.TokenProducer testProducer() {
        return new io.voxtok.api.token.TokenProducer("test", "default", "none");
    }
}
