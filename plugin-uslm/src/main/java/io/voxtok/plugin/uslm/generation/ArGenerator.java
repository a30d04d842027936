package io.voxtok.plugin.uslm.generation;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import io.voxtok.plugin.uslm.model.AttentionMasks;
import io.voxtok.plugin.uslm.model.LayerKvCache;
import io.voxtok.plugin.uslm.model.UslmNetwork;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The AR loop of {@code USLM.inference} (batch 1): starting from the prompt's RVQ-1 codes, run the AR decoder over
 * {@code [text ; audio]}, take the last position's logits, sample, and stop when the argmax or the sample is EOS or
 * when more than {@code 16 * x_lens} frames were generated (checked before appending).
 *
 * <p>Two loops give the same tokens: {@link #generateUncached} re-encodes the whole sequence every step exactly like
 * the official code; {@link #generateCached} encodes text and prompt once and then only the new frame, keeping each
 * layer's keys and values (valid because text rows never see audio and audio rows are causal, so earlier positions'
 * states do not change when a frame is appended). Thread-safe for concurrent calls (all state is per call).
 */
public final class ArGenerator {
    /** Official length cap factor: at most {@code 16 * x_lens + 1} frames. */
    public static final int LENGTH_CAP_FACTOR = 16;
    private final UslmNetwork net;

    /** @param net the network (inference only here) */
    public ArGenerator(UslmNetwork net) {
        this.net = net;
    }

    /** Result of the AR loop: generated RVQ-1 codes, stop reason, steps and (optional) step logits. */
    public record ArResult(long[] generated, StopReason stopReason, int steps, List<float[]> stepLogits) {
    }

    /**
     * Generates with the loop selected by {@link GenerationOptions#kvCache()}.
     *
     * @param manager manager for temporaries (closed arrays are released per step)
     * @param text    text ids
     * @param prompt  prompt RVQ-1 codes
     */
    public ArResult generate(NDManager manager, long[] text, long[] prompt, GenerationOptions options) {
        return options.kvCache() ? generateCached(manager, text, prompt, options)
                : generateUncached(manager, text, prompt, options);
    }

    /** The official loop: the whole sequence is re-encoded every step. */
    public ArResult generateUncached(NDManager manager, long[] text, long[] prompt, GenerationOptions options) {
        Loop loop = new Loop(text.length, prompt, options);
        try (NDManager m = manager.newSubManager(); NDArray x = m.create(text, new Shape(1, text.length));
             NDArray xPos = net.arText(x, false)) {
            while (true) {
                float[] logits;
                try (NDManager step = m.newSubManager()) {
                    long[] y = loop.sequence();
                    NDArray ids = step.create(y, new Shape(1, y.length));
                    NDArray yPos = net.arAudio(ids, 0, false);
                    NDArray xy = xPos.concat(yPos, 1);
                    NDArray mask = AttentionMasks.arInference(step, text.length, y.length);
                    NDArray dec = net.arDecode(xy, mask, null, false);
                    NDArray last = dec.get(new NDIndex(":, -1, :"));
                    logits = net.arLogits(last).toFloatArray();
                }
                if (loop.step(logits)) {
                    return loop.result();
                }
            }
        }
    }

    /** The KV-cached loop: text and prompt are encoded once, then one frame per step. */
    public ArResult generateCached(NDManager manager, long[] text, long[] prompt, GenerationOptions options) {
        Loop loop = new Loop(text.length, prompt, options);
        List<LayerKvCache> caches = new ArrayList<>();
        try (NDManager m = manager.newSubManager()) {
            for (int i = 0; i < net.arLayers(); i++) {
                caches.add(new LayerKvCache(m));
            }
            float[] logits;
            try (NDManager step = m.newSubManager()) {
                NDArray x = step.create(text, new Shape(1, text.length));
                NDArray ids = step.create(prompt, new Shape(1, prompt.length));
                NDArray xy = net.arText(x, false).concat(net.arAudio(ids, 0, false), 1);
                NDArray mask = AttentionMasks.arInference(step, text.length, prompt.length);
                NDArray dec = net.arDecode(xy, mask, caches, false);
                logits = net.arLogits(dec.get(new NDIndex(":, -1, :"))).toFloatArray();
            }
            while (!loop.step(logits)) {
                long[] y = loop.sequence();
                try (NDManager step = m.newSubManager()) {
                    NDArray ids = step.create(new long[] {y[y.length - 1]}, new Shape(1, 1));
                    // The new frame sits at audio position len-1; it may see every cached position and itself.
                    NDArray yPos = net.arAudio(ids, y.length - 1, false);
                    NDArray dec = net.arDecode(yPos, null, caches, false);
                    logits = net.arLogits(dec.get(new NDIndex(":, -1, :"))).toFloatArray();
                }
            }
            return loop.result();
        } finally {
            caches.forEach(LayerKvCache::close);
        }
    }

    /** The stop rules and sampling shared by both loops. */
    private final class Loop {
        private final int textLen;
        private final int promptLen;
        private final GenerationOptions options;
        private final TokenSampler sampler;
        private long[] seq;
        private int len;
        private int steps;
        private StopReason reason;
        private final List<float[]> stepLogits = new ArrayList<>();

        Loop(int textLen, long[] prompt, GenerationOptions options) {
            this.textLen = textLen;
            this.promptLen = prompt.length;
            this.options = options;
            this.sampler = new TokenSampler(options.topK(), options.topP(), options.temperature(), options.seed());
            this.seq = Arrays.copyOf(prompt, prompt.length + 64);
            this.len = prompt.length;
        }

        long[] sequence() {
            return Arrays.copyOf(seq, len);
        }

        /** Applies one step's logits; returns true when the loop stops. */
        boolean step(float[] logits) {
            steps++;
            if (options.recordLogits()) {
                stepLogits.add(logits.clone());
            }
            int eos = net.config().eosId();
            float[] l = logits;
            if (options.suppressEos()) {
                l = logits.clone();
                l[eos] = Float.NEGATIVE_INFINITY;
            }
            int generated = len - promptLen;
            int sample = sampler.sample(l);
            if (TokenSampler.argmax(l) == eos) {
                reason = StopReason.EOS_ARGMAX;
            } else if (sample == eos) {
                reason = StopReason.EOS_SAMPLED;
            } else if (generated > LENGTH_CAP_FACTOR * textLen) {
                reason = StopReason.LENGTH_CAP;
            } else if (generated >= options.maxFrames()) {
                reason = StopReason.MAX_FRAMES;
            }
            if (reason != null) {
                return true;
            }
            if (len == seq.length) {
                seq = Arrays.copyOf(seq, seq.length * 2);
            }
            seq[len++] = sample;
            return false;
        }

        ArResult result() {
            return new ArResult(Arrays.copyOfRange(seq, promptLen, len), reason, steps, stepLogits);
        }
    }
}
