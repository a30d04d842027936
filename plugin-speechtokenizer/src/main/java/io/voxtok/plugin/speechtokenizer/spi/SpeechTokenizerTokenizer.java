package io.voxtok.plugin.speechtokenizer.spi;

import io.voxtok.api.ComponentId;
import io.voxtok.api.VoxtokException;
import io.voxtok.api.audio.AudioBuffer;
import io.voxtok.api.bench.ProgressListener;
import io.voxtok.api.token.ComputeCost;
import io.voxtok.api.token.LayerRange;
import io.voxtok.api.token.TokenMatrix;
import io.voxtok.api.token.TokenProducer;
import io.voxtok.api.token.Tokenizer;
import io.voxtok.api.token.TokenizerSpec;
import io.voxtok.nn.profile.BlockCost;
import io.voxtok.nn.profile.ProfiledTokenizer;
import io.voxtok.nn.profile.TokenizerProfile;
import io.voxtok.plugin.speechtokenizer.model.BatchMode;
import io.voxtok.plugin.speechtokenizer.model.ChunkingOptions;
import io.voxtok.plugin.speechtokenizer.model.EncodedBatch;
import io.voxtok.plugin.speechtokenizer.model.SpeechTokenizerModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * SpeechTokenizer behind the {@link Tokenizer} SPI: 16 kHz mono in, 8 RVQ layers of 1024 codes at 50 Hz out
 * (for the official configuration), RVQ-1 semantic. Encoding a layer range {@code [st, end)} is the official
 * {@code encode(x, n_q=end, st=st)}; batches are encoded item by item exactly. Thread-safe.
 */
final class SpeechTokenizerTokenizer implements Tokenizer, ComputeCost, ProfiledTokenizer {
    private final SpeechTokenizerModel model;
    private final TokenizerSpec spec;
    private final TokenProducer producer;
    private final SpeechTokenizerOptions options;
    private volatile boolean closed;

    SpeechTokenizerTokenizer(SpeechTokenizerModel model, String weightsHash, SpeechTokenizerOptions options) {
        this.model = model;
        this.options = options;
        this.spec = new TokenizerSpec(model.sampleRate(), 1, model.hopLength(), model.numQuantizers(),
                model.codebookSize(), 1, false, false);
        this.producer = new TokenProducer(SpeechTokenizerTokenizerFactory.ID.name(),
                SpeechTokenizerTokenizerFactory.ID.variant(), weightsHash);
    }

    @Override
    public ComponentId id() {
        return SpeechTokenizerTokenizerFactory.ID;
    }

    @Override
    public TokenizerSpec spec() {
        return spec;
    }

    @Override
    public TokenProducer producer() {
        return producer;
    }

    @Override
    public Map<String, String> tokenMetadata() {
        return Map.of("chunking", options.describeChunking());
    }

    @Override
    public TokenMatrix encode(AudioBuffer audio, LayerRange layers) {
        return encode(audio, layers, ProgressListener.none());
    }

    /** Reports one step per window when the audio is windowed ({@link SpeechTokenizerOptions#chunks}), else none. */
    @Override
    public TokenMatrix encode(AudioBuffer audio, LayerRange layers, ProgressListener progress) {
        checkAudio(audio, 0);
        checkLayers(layers);
        EncodedBatch e;
        if (options.chunks(audio.seconds())) {
            // Windows are copied out of the read-only view one at a time: long audio is never duplicated whole.
            e = model.encodeChunked(audio.samples(), layers.start(), layers.end(),
                    new ChunkingOptions(options.chunkSeconds(), options.contextSeconds(), 1), progress);
        } else {
            e = model.encode(new float[][] {audio.toArray()}, layers.start(), layers.end(), BatchMode.PER_ITEM);
        }
        return toMatrix(e, layers);
    }

    @Override
    public TokenMatrix encodeBatch(List<AudioBuffer> items, LayerRange layers) {
        if (items.isEmpty()) {
            throw VoxtokException.userInput("empty batch");
        }
        checkLayers(layers);
        boolean anyLong = items.stream().anyMatch(a -> options.chunks(a.seconds()));
        if (anyLong) {
            // Windowed items are encoded one by one; the result is identical to encode() per item.
            return Tokenizer.super.encodeBatch(items, layers);
        }
        float[][] xs = new float[items.size()][];
        for (int i = 0; i < xs.length; i++) {
            checkAudio(items.get(i), i);
            xs[i] = items.get(i).toArray();
        }
        return toMatrix(model.encode(xs, layers.start(), layers.end(), BatchMode.PER_ITEM), layers);
    }

    private TokenMatrix toMatrix(EncodedBatch e, LayerRange layers) {
        int l = e.numLayers();
        int b = e.numItems();
        int t = 0;
        for (int v : e.validFrames()) {
            t = Math.max(t, v);
        }
        int[] flat = new int[l * b * t];
        for (int li = 0; li < l; li++) {
            for (int bi = 0; bi < b; bi++) {
                int[] row = e.codes()[li][bi];
                System.arraycopy(row, 0, flat, (li * b + bi) * t, Math.min(row.length, t));
            }
        }
        return TokenMatrix.of(flat, l, b, t, layers.start(), spec.codebookSize(), spec.frameRate(), e.validFrames(),
                producer);
    }

    @Override
    public List<AudioBuffer> decodeBatch(TokenMatrix tokens) {
        checkOpen();
        producer.requireSame(tokens.producer());
        LayerRange r = tokens.layerRange();
        if (r.end() > spec.numLayers()) {
            throw VoxtokException.userInput("tokens hold RVQ layers " + (r.start() + 1) + ".." + r.end()
                    + " but this model has " + spec.numLayers() + " layers");
        }
        int[][][] codes = new int[tokens.layers()][tokens.batchSize()][];
        for (int b = 0; b < tokens.batchSize(); b++) {
            int[][] item = tokens.itemCodes(b);
            for (int l = 0; l < tokens.layers(); l++) {
                codes[l][b] = item[l];
            }
        }
        float[][] wav = model.decode(codes, tokens.firstLayer());
        List<AudioBuffer> out = new ArrayList<>(wav.length);
        for (float[] w : wav) {
            out.add(AudioBuffer.ofMono(w, spec.sampleRate()));
        }
        return out;
    }

    private void checkAudio(AudioBuffer audio, int item) {
        checkOpen();
        String which = item == 0 ? "" : " (batch item " + item + ")";
        if (audio.sampleRate() != spec.sampleRate()) {
            throw VoxtokException.userInput("SpeechTokenizer needs " + spec.sampleRate() + " Hz audio but got sample rate "
                    + audio.sampleRate() + " Hz" + which + "; resample first (the CLI does)");
        }
        if (audio.channels() != 1) {
            throw VoxtokException.userInput("SpeechTokenizer needs mono audio but got " + audio.channels() + " channels"
                    + which + "; downmix first (the CLI does)");
        }
        if (audio.frames() == 0) {
            throw VoxtokException.userInput("empty audio" + which);
        }
        java.nio.FloatBuffer x = audio.samples();
        for (int i = 0, n = x.remaining(); i < n; i++) {
            if (!Float.isFinite(x.get(i))) {
                throw VoxtokException.userInput("audio" + which + " has a non-finite sample (NaN or Inf) at index " + i);
            }
        }
    }

    private void checkLayers(LayerRange layers) {
        if (layers.end() > spec.numLayers()) {
            throw VoxtokException.userInput("layer range " + layers + " exceeds the model's " + spec.numLayers()
                    + " RVQ layers");
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("tokenizer is closed");
        }
    }

    @Override
    public double encodeFlopsPerSecond() {
        return SpeechTokenizerFlops.encode(model.config());
    }

    @Override
    public double decodeFlopsPerSecond() {
        return SpeechTokenizerFlops.decode(model.config());
    }

    @Override
    public List<BlockCost> encodeCosts(int samples) {
        return model.profiler().encodeCosts(1, samples, spec.numLayers());
    }

    @Override
    public List<BlockCost> decodeCosts(int samples) {
        return model.profiler().decodeCosts(model.framesFor(samples), spec.numLayers());
    }

    /** {@inheritDoc} All codebooks, the whole input at once (no chunking). */
    @Override
    public TokenizerProfile profile(AudioBuffer audio, int warmups, int runs) {
        checkAudio(audio, 0);
        return model.profile(audio.toArray(), spec.numLayers(), warmups, runs);
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            model.close();
        }
    }
}
