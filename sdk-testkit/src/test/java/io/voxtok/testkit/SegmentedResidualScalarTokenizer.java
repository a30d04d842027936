package io.voxtok.testkit;

import io.voxtok.api.ComponentId;
import io.voxtok.api.VoxtokException;
import io.voxtok.api.audio.AudioBuffer;
import io.voxtok.api.token.LayerRange;
import io.voxtok.api.token.Segmentation;
import io.voxtok.api.token.TokenMatrix;
import io.voxtok.api.token.TokenProducer;
import io.voxtok.api.token.Tokenizer;
import io.voxtok.api.token.TokenizerSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The {@link ResidualScalarTokenizer}'s frame quantiser applied the way EnCodec 48 kHz works: the input is cut into
 * windows of {@link #WINDOW} samples every {@link #STRIDE} (1 % overlap), each window is coded on its own, the
 * windows' frames follow one another, and decoding cross-fades the decoded windows (equal weights where they overlap)
 * up to the end of the furthest-reaching one. Like EnCodec's tokens, the tokens carry each window's frame count as
 * side information ({@value #WINDOW_FRAMES}): a window next to a short last one may be short too.
 *
 * <p>Correct, it declares its {@link Segmentation}; with {@code declared == false} it is the flaw the kit must catch
 * on long audio (a segmented tokenizer whose spec claims {@code ceil(L / hop)} frames).
 */
final class SegmentedResidualScalarTokenizer implements Tokenizer {
    static final int WINDOW = 1000;
    static final int STRIDE = 990;
    /** Side channel of the windows' frame counts. */
    static final String WINDOW_FRAMES = "window_frames";
    private static final int HOP = ResidualScalarTokenizer.HOP;
    private static final Segmentation SEGMENTATION = new Segmentation(WINDOW, STRIDE);

    private final TokenizerSpec spec;
    private final TokenProducer producer = new TokenProducer("segmented-residual-scalar", "default", "none");

    /** @param declared whether the spec declares the segmentation (false: the flaw) */
    SegmentedResidualScalarTokenizer(boolean declared) {
        TokenizerSpec plain = new TokenizerSpec(ResidualScalarTokenizer.RATE, 1, HOP, ResidualScalarTokenizer.LAYERS,
                ResidualScalarTokenizer.CODES, 1, false, false);
        this.spec = declared ? plain.withSegmentation(SEGMENTATION) : plain;
    }

    @Override
    public ComponentId id() {
        return ComponentId.of("segmented-residual-scalar");
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
    public TokenMatrix encode(AudioBuffer audio, LayerRange layers) {
        if (audio.sampleRate() != spec.sampleRate()) {
            throw VoxtokException.userInput("sample rate " + audio.sampleRate() + " Hz, expected "
                    + spec.sampleRate() + " Hz");
        }
        if (audio.channels() != 1) {
            throw VoxtokException.userInput(audio.channels() + " channels, expected mono");
        }
        if (audio.frames() == 0) {
            throw VoxtokException.userInput("empty audio");
        }
        checkLayers(layers);
        float[] x = audio.toArray();
        for (int i = 0; i < x.length; i++) {
            if (!Float.isFinite(x[i])) {
                throw VoxtokException.userInput("non-finite sample (" + x[i] + ") at index " + i);
            }
        }
        int[] windowFrames = SEGMENTATION.windowFrames(x.length, HOP);
        int[][] out = new int[layers.size()][Arrays.stream(windowFrames).sum()];
        int at = 0;
        for (int k = 0; k < windowFrames.length; k++) {
            float[] window = Arrays.copyOfRange(x, k * STRIDE, Math.min(x.length, k * STRIDE + WINDOW));
            int[][] codes = ResidualScalarTokenizer.frameCodes(window, windowFrames[k], layers, HOP, false,
                    ResidualScalarTokenizer.CODES);
            for (int l = 0; l < codes.length; l++) {
                System.arraycopy(codes[l], 0, out[l], at, windowFrames[k]);
            }
            at += windowFrames[k];
        }
        float[] counts = new float[windowFrames.length];
        for (int k = 0; k < counts.length; k++) {
            counts[k] = windowFrames[k];
        }
        return TokenMatrix.single(out, layers.start(), ResidualScalarTokenizer.CODES, spec.frameRate(), producer)
                .withSideInfo(WINDOW_FRAMES, new float[][] {counts});
    }

    @Override
    public List<AudioBuffer> decodeBatch(TokenMatrix tokens) {
        producer.requireSame(tokens.producer());
        checkLayers(tokens.layerRange());
        List<AudioBuffer> out = new ArrayList<>();
        for (int b = 0; b < tokens.batchSize(); b++) {
            int[][] codes = tokens.itemCodes(b);
            float[][] side = tokens.sideInfo().get(WINDOW_FRAMES);
            if (side == null) {
                throw VoxtokException.userInput("the tokens carry no '" + WINDOW_FRAMES + "' side information");
            }
            int[] windowFrames = new int[side[b].length];
            for (int k = 0; k < windowFrames.length; k++) {
                windowFrames[k] = (int) side[b][k];
            }
            if (Arrays.stream(windowFrames).sum() != tokens.validFrames(b)) {
                throw VoxtokException.userInput("'" + WINDOW_FRAMES + "' " + Arrays.toString(windowFrames)
                        + " does not add up to the " + tokens.validFrames(b) + " valid frames");
            }
            float[] sum = new float[(int) SEGMENTATION.decodedLength(windowFrames, HOP)];
            int[] count = new int[sum.length];
            int at = 0;
            for (int k = 0; k < windowFrames.length; k++) {
                int[][] block = new int[codes.length][];
                for (int l = 0; l < codes.length; l++) {
                    block[l] = Arrays.copyOfRange(codes[l], at, at + windowFrames[k]);
                }
                float[] y = ResidualScalarTokenizer.frameSamples(block, tokens.firstLayer());
                for (int i = 0; i < y.length; i++) {
                    sum[k * STRIDE + i] += y[i];
                    count[k * STRIDE + i]++;
                }
                at += windowFrames[k];
            }
            for (int i = 0; i < sum.length; i++) {
                sum[i] /= count[i];
            }
            out.add(AudioBuffer.ofMono(sum, spec.sampleRate()));
        }
        return out;
    }

    private static void checkLayers(LayerRange layers) {
        if (layers.end() > ResidualScalarTokenizer.LAYERS) {
            throw VoxtokException.userInput("layer range " + layers + " exceeds the "
                    + ResidualScalarTokenizer.LAYERS + " layers");
        }
    }

    @Override
    public void close() {
    }
}
