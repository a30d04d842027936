package io.voxtok.bench.run;

import io.voxtok.api.bench.BenchmarkReport;
import io.voxtok.api.bench.Metric;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** {@link BenchmarkReport}s and {@link Metric}s as JSON-ready maps and back. */
public final class ReportCodec {
    private ReportCodec() {
    }

    /** One metric as a map. */
    public static Map<String, Object> toMap(Metric m) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("name", m.name());
        o.put("value", Double.isFinite(m.value()) ? m.value() : null);
        o.put("unit", m.unit());
        o.put("higher_is_better", m.higherIsBetter());
        o.put("version", m.version());
        o.put("parameters", new TreeMap<>(m.parameters()));
        return o;
    }

    /** A report as a map. */
    public static Map<String, Object> toMap(BenchmarkReport r) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("benchmark", r.benchmark());
        o.put("subject", r.subject());
        o.put("metrics", r.metrics().stream().map(ReportCodec::toMap).toList());
        o.put("provenance", new TreeMap<>(r.provenance()));
        return o;
    }

    /** A report from {@link #toMap(BenchmarkReport)}'s form. */
    @SuppressWarnings("unchecked")
    public static BenchmarkReport fromMap(Map<String, Object> o) {
        List<Metric> metrics = new ArrayList<>();
        for (Object x : (List<Object>) o.get("metrics")) {
            Map<String, Object> m = (Map<String, Object>) x;
            Object v = m.get("value");
            Map<String, String> params = new LinkedHashMap<>();
            ((Map<String, Object>) m.get("parameters")).forEach((k, val) -> params.put(k, String.valueOf(val)));
            metrics.add(new Metric((String) m.get("name"), v == null ? Double.POSITIVE_INFINITY
                    : ((Number) v).doubleValue(), (String) m.get("unit"), (Boolean) m.get("higher_is_better"),
                    (String) m.get("version"), params));
        }
        Map<String, String> prov = new LinkedHashMap<>();
        ((Map<String, Object>) o.get("provenance")).forEach((k, val) -> prov.put(k, String.valueOf(val)));
        return new BenchmarkReport((String) o.get("benchmark"), (String) o.get("subject"), metrics, prov);
    }
}
