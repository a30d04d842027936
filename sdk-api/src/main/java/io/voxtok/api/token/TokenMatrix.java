package io.voxtok.api.token;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Discrete tokens of a batch: {@code layers x batch x frames} codes, like the official {@code (n_q, B, T)}
 * tensor, plus where they came from and how many frames of each item are valid (the rest is padding).
 *
 * <p>{@code firstLayer} is the RVQ index of layer 0 of this matrix (the official {@code st}); decoding sums
 * codebooks {@code firstLayer .. firstLayer + layers - 1}. Immutable (inputs are copied) and thread-safe.
 */
public final class TokenMatrix {
    private final int[] codes;
    private final int layers;
    private final int batch;
    private final int frames;
    private final int firstLayer;
    private final int codebookSize;
    private final double frameRate;
    private final int[] validFrames;
    private final TokenProducer producer;
    private final Map<String, float[][]> sideInfo;

    private TokenMatrix(int[] codes, int layers, int batch, int frames, int firstLayer, int codebookSize,
                        double frameRate, int[] validFrames, TokenProducer producer) {
        this(codes, layers, batch, frames, firstLayer, codebookSize, frameRate, validFrames, producer, Map.of());
    }

    private TokenMatrix(int[] codes, int layers, int batch, int frames, int firstLayer, int codebookSize,
                        double frameRate, int[] validFrames, TokenProducer producer, Map<String, float[][]> sideInfo) {
        if (layers <= 0 || batch <= 0 || frames < 0) {
            throw new IllegalArgumentException("bad token matrix shape " + layers + "x" + batch + "x" + frames);
        }
        if ((long) layers * batch * frames != codes.length) {
            throw new IllegalArgumentException("codes length " + codes.length + " != " + layers + "x" + batch + "x" + frames);
        }
        if (validFrames.length != batch) {
            throw new IllegalArgumentException("validFrames has " + validFrames.length + " entries for batch " + batch);
        }
        for (int v : validFrames) {
            if (v < 0 || v > frames) {
                throw new IllegalArgumentException("valid frames " + v + " outside [0, " + frames + "]");
            }
        }
        if (firstLayer < 0 || codebookSize <= 1 || !(frameRate > 0)) {
            throw new IllegalArgumentException("bad token matrix metadata");
        }
        for (int c : codes) {
            if (c < 0 || c >= codebookSize) {
                throw new IllegalArgumentException("code " + c + " outside [0, " + codebookSize + ")");
            }
        }
        this.codes = codes;
        this.layers = layers;
        this.batch = batch;
        this.frames = frames;
        this.firstLayer = firstLayer;
        this.codebookSize = codebookSize;
        this.frameRate = frameRate;
        this.validFrames = validFrames;
        this.producer = Objects.requireNonNull(producer);
        this.sideInfo = sideInfo;
    }

    /**
     * A matrix from flat codes in {@code [layer][item][frame]} order (copied).
     *
     * @throws IllegalArgumentException if a code is out of range or shapes disagree
     */
    public static TokenMatrix of(int[] codes, int layers, int batch, int frames, int firstLayer, int codebookSize,
                                 double frameRate, int[] validFrames, TokenProducer producer) {
        return new TokenMatrix(codes.clone(), layers, batch, frames, firstLayer, codebookSize, frameRate,
                validFrames.clone(), producer);
    }

    /** A single-item matrix from {@code codes[layer][frame]} (copied); every frame valid. */
    public static TokenMatrix single(int[][] codes, int firstLayer, int codebookSize, double frameRate,
                                     TokenProducer producer) {
        int l = codes.length;
        int t = l == 0 ? 0 : codes[0].length;
        int[] flat = new int[l * t];
        for (int i = 0; i < l; i++) {
            if (codes[i].length != t) {
                throw new IllegalArgumentException("layers have different lengths");
            }
            System.arraycopy(codes[i], 0, flat, i * t, t);
        }
        return new TokenMatrix(flat, l, 1, t, firstLayer, codebookSize, frameRate, new int[] {t}, producer);
    }

    /**
     * Stacks single- or multi-item matrices of the same producer and layers into one batch, padding shorter
     * items with code 0 (padding is marked invalid by {@link #validFrames(int)}).
     */
    public static TokenMatrix stack(List<TokenMatrix> items) {
        if (items.isEmpty()) {
            throw new IllegalArgumentException("nothing to stack");
        }
        TokenMatrix first = items.get(0);
        int b = 0;
        int t = 0;
        for (TokenMatrix m : items) {
            if (m.layers != first.layers || m.firstLayer != first.firstLayer || !m.producer.equals(first.producer)
                    || m.codebookSize != first.codebookSize) {
                throw new IllegalArgumentException("cannot stack token matrices with different layers or producers");
            }
            b += m.batch;
            t = Math.max(t, m.frames);
        }
        int[] out = new int[first.layers * b * t];
        int[] valid = new int[b];
        int bi = 0;
        for (TokenMatrix m : items) {
            for (int i = 0; i < m.batch; i++, bi++) {
                valid[bi] = m.validFrames[i];
                for (int l = 0; l < first.layers; l++) {
                    System.arraycopy(m.codes, (l * m.batch + i) * m.frames, out, (l * b + bi) * t, m.frames);
                }
            }
        }
        Map<String, float[][]> side = new TreeMap<>();
        for (String key : first.sideInfo.keySet()) {
            float[][] all = new float[b][];
            int k = 0;
            for (TokenMatrix m : items) {
                float[][] v = m.sideInfo.get(key);
                if (v == null) {
                    throw new IllegalArgumentException("cannot stack: side information '" + key + "' missing in an item");
                }
                for (float[] row : v) {
                    all[k++] = row.clone();
                }
            }
            side.put(key, all);
        }
        return new TokenMatrix(out, first.layers, b, t, first.firstLayer, first.codebookSize, first.frameRate, valid,
                first.producer, Collections.unmodifiableMap(side));
    }

    /** Number of layers (codebooks) held. */
    public int layers() {
        return layers;
    }

    /** Number of items. */
    public int batchSize() {
        return batch;
    }

    /** Frames per item including padding. */
    public int frames() {
        return frames;
    }

    /** RVQ index of this matrix's layer 0. */
    public int firstLayer() {
        return firstLayer;
    }

    /** The RVQ layers held, {@code [firstLayer, firstLayer + layers)}. */
    public LayerRange layerRange() {
        return LayerRange.of(firstLayer, firstLayer + layers);
    }

    /** Codes per layer. */
    public int codebookSize() {
        return codebookSize;
    }

    /** Frames per second. */
    public double frameRate() {
        return frameRate;
    }

    /** Who made these tokens. */
    public TokenProducer producer() {
        return producer;
    }

    /** Valid (non-padding) frames of item {@code item}. */
    public int validFrames(int item) {
        return validFrames[item];
    }

    /** Valid frames of every item (copy). */
    public int[] validFrames() {
        return validFrames.clone();
    }

    /** One code. */
    public int code(int layer, int item, int frame) {
        Objects.checkIndex(layer, layers);
        Objects.checkIndex(item, batch);
        Objects.checkIndex(frame, frames);
        return codes[(layer * batch + item) * frames + frame];
    }

    /** Codes of one item's valid frames, {@code [layer][frame]} (copy). */
    public int[][] itemCodes(int item) {
        Objects.checkIndex(item, batch);
        int[][] out = new int[layers][];
        for (int l = 0; l < layers; l++) {
            int off = (l * batch + item) * frames;
            out[l] = Arrays.copyOfRange(codes, off, off + validFrames[item]);
        }
        return out;
    }

    /** Item {@code item} alone, trimmed to its valid frames. */
    public TokenMatrix item(int item) {
        TokenMatrix one = single(itemCodes(item), firstLayer, codebookSize, frameRate, producer);
        for (Map.Entry<String, float[][]> e : sideInfo.entrySet()) {
            one = one.withSideInfo(e.getKey(), new float[][] {e.getValue()[item]});
        }
        return one;
    }

    /**
     * Real-valued side information some codecs need besides the codes to decode (EnCodec 48 kHz: one loudness
     * scale per 1 s segment, under {@code "scale"}). Keys name the channel; each value holds one float array per
     * item. Empty for most tokenizers. The returned arrays are copies.
     */
    public Map<String, float[][]> sideInfo() {
        Map<String, float[][]> copy = new TreeMap<>();
        sideInfo.forEach((k, v) -> copy.put(k, deepCopy(v)));
        return copy;
    }

    /** A copy with side channel {@code name} set to {@code perItem} (one array per item, copied). */
    public TokenMatrix withSideInfo(String name, float[][] perItem) {
        Objects.requireNonNull(name);
        if (perItem.length != batch) {
            throw new IllegalArgumentException("side information '" + name + "' has " + perItem.length
                    + " items for batch " + batch);
        }
        for (float[] row : perItem) {
            for (float v : row) {
                if (!Float.isFinite(v)) {
                    throw new IllegalArgumentException("side information '" + name + "' holds a non-finite value");
                }
            }
        }
        Map<String, float[][]> m = new TreeMap<>(sideInfo);
        m.put(name, deepCopy(perItem));
        return new TokenMatrix(codes, layers, batch, frames, firstLayer, codebookSize, frameRate, validFrames, producer,
                Collections.unmodifiableMap(m));
    }

    private static float[][] deepCopy(float[][] v) {
        float[][] c = new float[v.length][];
        for (int i = 0; i < v.length; i++) {
            c[i] = v[i].clone();
        }
        return c;
    }

    /** All codes, flat in {@code [layer][item][frame]} order (copy). */
    public int[] toArray() {
        return codes.clone();
    }

    /**
     * The layers {@code [from, to)} of this matrix, indices relative to this matrix (so {@code layers(0, 1)} is
     * its first layer). The result's {@link #firstLayer()} is {@code firstLayer() + from}.
     */
    public TokenMatrix layers(int from, int to) {
        if (from < 0 || to > layers || to <= from) {
            throw new IndexOutOfBoundsException("layers [" + from + ", " + to + ") of " + layers);
        }
        int[] out = Arrays.copyOfRange(codes, from * batch * frames, to * batch * frames);
        return new TokenMatrix(out, to - from, batch, frames, firstLayer + from, codebookSize, frameRate,
                validFrames.clone(), producer, sideInfo);
    }

    /**
     * Concatenates along the layer axis: {@code this} then {@code upper}, which must start where this ends
     * and have the same batch, frames and producer (e.g. RVQ-1 of one utterance with RVQ-2..8 of another).
     */
    public TokenMatrix concatLayers(TokenMatrix upper) {
        if (upper.firstLayer != firstLayer + layers || upper.batch != batch || upper.frames != frames
                || !upper.producer.equals(producer) || upper.codebookSize != codebookSize) {
            throw new IllegalArgumentException("layers " + upper.layerRange() + " cannot follow " + layerRange()
                    + " (batch, frames and producer must match)");
        }
        int[] out = Arrays.copyOf(codes, codes.length + upper.codes.length);
        System.arraycopy(upper.codes, 0, out, codes.length, upper.codes.length);
        int[] valid = new int[batch];
        for (int i = 0; i < batch; i++) {
            valid[i] = Math.min(validFrames[i], upper.validFrames[i]);
        }
        return new TokenMatrix(out, layers + upper.layers, batch, frames, firstLayer, codebookSize, frameRate, valid,
                producer, sideInfo);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TokenMatrix m && m.layers == layers && m.batch == batch && m.frames == frames
                && m.firstLayer == firstLayer && m.codebookSize == codebookSize
                && Double.compare(m.frameRate, frameRate) == 0 && Arrays.equals(m.codes, codes)
                && Arrays.equals(m.validFrames, validFrames) && m.producer.equals(producer)
                && sameSideInfo(m.sideInfo, sideInfo);
    }

    private static boolean sameSideInfo(Map<String, float[][]> a, Map<String, float[][]> b) {
        if (!a.keySet().equals(b.keySet())) {
            return false;
        }
        for (String k : a.keySet()) {
            if (!Arrays.deepEquals(a.get(k), b.get(k))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(codes) * 31 + Objects.hash(layers, batch, frames, firstLayer, producer);
    }

    @Override
    public String toString() {
        return "TokenMatrix[" + layers + " layers from " + firstLayer + ", batch " + batch + ", " + frames
                + " frames, " + producer + "]";
    }
}
