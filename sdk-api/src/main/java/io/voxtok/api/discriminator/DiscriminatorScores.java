package io.voxtok.api.discriminator;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Flattened logits per sub-discriminator for one input (higher = judged more real under the LSGAN target
 * of 1). Immutable: the map and arrays are copied in and out.
 */
public final class DiscriminatorScores {
    private final Map<String, float[]> logits;

    /** Copies the map and arrays. */
    public DiscriminatorScores(Map<String, float[]> logits) {
        LinkedHashMap<String, float[]> copy = new LinkedHashMap<>();
        logits.forEach((k, v) -> copy.put(k, v.clone()));
        this.logits = copy;
    }

    /** Sub-discriminator names in order. */
    public java.util.Set<String> names() {
        return java.util.Collections.unmodifiableSet(logits.keySet());
    }

    /** The logits of one sub-discriminator (copy). */
    public float[] logits(String name) {
        float[] v = logits.get(name);
        if (v == null) {
            throw new IllegalArgumentException("no sub-discriminator " + name + "; have " + logits.keySet());
        }
        return v.clone();
    }
}
