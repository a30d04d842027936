package io.voxtok.plugin.encodec.model;

import io.voxtok.api.VoxtokException;
import io.voxtok.nn.conv.PaddingMode;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.StringJoiner;

/**
 * Everything that defines an EnCodec model: the arguments of the official {@code EncodecModel._get_model}, of its
 * {@code SEANetEncoder}/{@code SEANetDecoder} (encoder and decoder share them) and of its
 * {@code ResidualVectorQuantizer} (SPEC 4.1). Immutable.
 *
 * @param name               official model name ({@code encodec_24khz}, {@code encodec_48khz}) or {@code unset}
 * @param sampleRate         audio sample rate in Hz
 * @param channels           audio channels (1 or 2)
 * @param causal             causal convolutions (24 kHz) or centred (48 kHz)
 * @param norm               normalisation of every convolution
 * @param audioNormalize     per-segment loudness normalisation with a transmitted scale (48 kHz)
 * @param segmentSeconds     segment length in seconds, or 0 for the whole signal at once
 * @param overlap            overlap between segments as a fraction of the segment
 * @param targetBandwidths   the bandwidth ladder in kbps, ascending
 * @param nFilters           SEANet base width
 * @param dimension          latent dimension (and codebook dimension)
 * @param nResidualLayers    residual blocks per SEANet stage
 * @param ratios             decoder up-sampling ratios (the encoder uses them reversed)
 * @param eluAlpha           alpha of every ELU
 * @param kernelSize         kernel of the first convolution
 * @param lastKernelSize     kernel of the last convolution
 * @param residualKernelSize kernel of the first convolution of a residual block
 * @param dilationBase       residual block {@code j} dilates by {@code dilationBase^j}
 * @param padMode            padding mode of every convolution
 * @param trueSkip           identity shortcut in residual blocks (false: a 1x1 convolution, as released)
 * @param compress           residual hidden width divisor
 * @param lstmLayers         layers of the skip-LSTMs (0: none)
 * @param trimRightRatio     share of a causal transposed convolution's surplus trimmed on the right
 * @param bins               codes per codebook
 * @param numQuantizers      codebooks built
 */
public record EncodecConfig(String name, int sampleRate, int channels, boolean causal, ConvNorm norm,
                            boolean audioNormalize, double segmentSeconds, double overlap, double[] targetBandwidths,
                            int nFilters, int dimension, int nResidualLayers, int[] ratios, double eluAlpha,
                            int kernelSize, int lastKernelSize, int residualKernelSize, int dilationBase,
                            PaddingMode padMode, boolean trueSkip, int compress, int lstmLayers,
                            double trimRightRatio, int bins, int numQuantizers) {
    /** Name of the official 24 kHz model. */
    public static final String ENCODEC_24KHZ = "encodec_24khz";
    /** Name of the official 48 kHz model. */
    public static final String ENCODEC_48KHZ = "encodec_48khz";

    /** Validates and copies the arrays. */
    public EncodecConfig {
        Objects.requireNonNull(name);
        Objects.requireNonNull(norm);
        Objects.requireNonNull(padMode);
        targetBandwidths = targetBandwidths.clone();
        ratios = ratios.clone();
        String where = "EnCodec config '" + name + "'";
        require(sampleRate > 0, where + ": sample_rate must be positive");
        require(channels == 1 || channels == 2, where + ": channels must be 1 or 2, got " + channels);
        require(nFilters > 0 && dimension > 0 && kernelSize > 0 && lastKernelSize > 0 && residualKernelSize > 0
                && dilationBase > 0 && compress > 0 && nResidualLayers >= 0 && lstmLayers >= 0,
                where + ": SEANet sizes must be positive");
        require(ratios.length > 0 && Arrays.stream(ratios).allMatch(r -> r > 0), where + ": ratios must be positive");
        require(targetBandwidths.length > 0 && Arrays.stream(targetBandwidths).allMatch(b -> b > 0),
                where + ": target_bandwidths must be positive");
        require(bins > 1, where + ": bins must be > 1");
        require(numQuantizers > 0, where + ": the largest bandwidth gives no codebook");
        require(segmentSeconds >= 0 && overlap >= 0 && overlap < 1, where + ": bad segment/overlap");
        require(trimRightRatio >= 0 && trimRightRatio <= 1, where + ": trim_right_ratio must be in [0, 1]");
        require(!causal || norm != ConvNorm.TIME_GROUP_NORM,
                where + ": time_group_norm normalises over time and cannot be causal");
    }

    /**
     * The official {@code EncodecModel.encodec_model_24khz()}: mono, causal, weight norm, no normalisation, whole
     * signal at once, bandwidths 1.5/3/6/12/24 kbps, 32 codebooks of 1024.
     */
    public static EncodecConfig encodec24khz() {
        return official(ENCODEC_24KHZ, 24000, 1, true, ConvNorm.WEIGHT_NORM, false, 0,
                new double[] {1.5, 3.0, 6.0, 12.0, 24.0});
    }

    /**
     * The official {@code EncodecModel.encodec_model_48khz()}: stereo, non-causal, time group norm, loudness
     * normalisation, 1 s segments with 1 % overlap, bandwidths 3/6/12/24 kbps, 16 codebooks of 1024.
     */
    public static EncodecConfig encodec48khz() {
        return official(ENCODEC_48KHZ, 48000, 2, false, ConvNorm.TIME_GROUP_NORM, true, 1.0,
                new double[] {3.0, 6.0, 12.0, 24.0});
    }

    /**
     * An official configuration by name ({@code encodec_24khz}, {@code encodec_48khz}; {@code 24khz} and
     * {@code 48khz} are accepted too).
     *
     * @throws VoxtokException (USER_INPUT) for other names
     */
    public static EncodecConfig byName(String name) {
        return switch (name.trim().toLowerCase(Locale.ROOT)) {
            case ENCODEC_24KHZ, "24khz" -> encodec24khz();
            case ENCODEC_48KHZ, "48khz" -> encodec48khz();
            default -> throw VoxtokException.userInput("unknown EnCodec model name '" + name + "' (known: "
                    + ENCODEC_24KHZ + ", " + ENCODEC_48KHZ + ")");
        };
    }

    private static EncodecConfig official(String name, int sr, int channels, boolean causal, ConvNorm norm,
                                          boolean normalize, double segment, double[] bandwidths) {
        int hop = 320;
        int frameRate = (sr + hop - 1) / hop;
        return new EncodecConfig(name, sr, channels, causal, norm, normalize, segment, 0.01, bandwidths, 32, 128, 1,
                new int[] {8, 5, 4, 2}, 1.0, 7, 7, 3, 2, PaddingMode.REFLECT, false, 2, 2, 1.0, 1024,
                officialNumQuantizers(bandwidths[bandwidths.length - 1], frameRate));
    }

    /**
     * The number of codebooks {@code EncodecModel._get_model} builds:
     * {@code int(1000 * max_bandwidth // (frame_rate * 10))}; it assumes 10 bits per codebook whatever the bins.
     */
    public static int officialNumQuantizers(double maxBandwidthKbps, int frameRate) {
        return (int) Math.floor(1000 * maxBandwidthKbps / (frameRate * 10.0));
    }

    /** Samples per latent frame: the product of the ratios (320 for the released models). */
    public int hopLength() {
        int hop = 1;
        for (int r : ratios) {
            hop *= r;
        }
        return hop;
    }

    /** The official {@code frame_rate = ceil(sample_rate / hop)}, in frames per second. */
    public int frameRate() {
        return (sampleRate + hopLength() - 1) / hopLength();
    }

    /** Bits per second one codebook costs: {@code log2(bins) * frame_rate}. */
    public double bandwidthPerCodebook() {
        // exact for powers of two, like Python's math.log2 (Math.log(1024) / Math.log(2) is not exactly 10)
        double bits = Integer.bitCount(bins) == 1 ? Integer.numberOfTrailingZeros(bins) : Math.log(bins) / Math.log(2);
        return bits * frameRate();
    }

    /**
     * The number of codebooks used at a bandwidth of the ladder, exactly as the official code:
     * {@code max(1, floor(kbps * 1000 / bw_per_q))}, then capped at {@link #numQuantizers} (the official RVQ
     * slices its layer list, which silently caps the count).
     *
     * @throws VoxtokException (USER_INPUT) when {@code kbps} is not in {@link #targetBandwidths}, listing them
     */
    public int codebooksFor(double kbps) {
        boolean valid = Arrays.stream(targetBandwidths).anyMatch(b -> b == kbps);
        if (!valid) {
            throw VoxtokException.userInput("bandwidth " + formatKbps(kbps) + " kbps is not supported by " + name
                    + "; valid bandwidths (kbps): " + ladder());
        }
        int n = Math.max(1, (int) Math.floor(kbps * 1000 / bandwidthPerCodebook()));
        return Math.min(n, numQuantizers);
    }

    /** The bandwidth ladder as text, e.g. {@code 1.5, 3, 6, 12, 24}. */
    public String ladder() {
        StringJoiner j = new StringJoiner(", ");
        for (double b : targetBandwidths) {
            j.add(formatKbps(b));
        }
        return j.toString();
    }

    /** A bandwidth without a trailing {@code .0}: {@code 6}, {@code 1.5}. */
    public static String formatKbps(double kbps) {
        return kbps == Math.rint(kbps) ? Long.toString((long) kbps) : Double.toString(kbps);
    }

    /** Whether the signal is cut into segments ({@code segment} is set). */
    public boolean segmented() {
        return segmentSeconds > 0;
    }

    /** Samples per segment, {@code int(segment * sample_rate)}; the whole signal when not segmented. */
    public int segmentLength() {
        return (int) (segmentSeconds * sampleRate);
    }

    /** Samples between segment starts, {@code max(1, int((1 - overlap) * segment_length))}. */
    public int segmentStride() {
        return Math.max(1, (int) ((1 - overlap) * segmentLength()));
    }

    /** The variant name used in component ids: {@code 24khz} for 24 000 Hz. */
    public String variant() {
        return sampleRate % 1000 == 0 ? (sampleRate / 1000) + "khz" : sampleRate + "hz";
    }

    /** The ladder (copy). */
    @Override
    public double[] targetBandwidths() {
        return targetBandwidths.clone();
    }

    /** The ratios (copy). */
    @Override
    public int[] ratios() {
        return ratios.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EncodecConfig c && toString().equals(c.toString());
    }

    @Override
    public int hashCode() {
        return toString().hashCode();
    }

    @Override
    public String toString() {
        return "EncodecConfig[name=" + name + ", sampleRate=" + sampleRate + ", channels=" + channels + ", causal="
                + causal + ", norm=" + norm.configName() + ", audioNormalize=" + audioNormalize + ", segment="
                + segmentSeconds + ", overlap=" + overlap + ", targetBandwidths=" + Arrays.toString(targetBandwidths)
                + ", nFilters=" + nFilters + ", dimension=" + dimension + ", nResidualLayers=" + nResidualLayers
                + ", ratios=" + Arrays.toString(ratios) + ", eluAlpha=" + eluAlpha + ", kernelSize=" + kernelSize
                + ", lastKernelSize=" + lastKernelSize + ", residualKernelSize=" + residualKernelSize
                + ", dilationBase=" + dilationBase + ", padMode=" + padMode + ", trueSkip=" + trueSkip
                + ", compress=" + compress + ", lstmLayers=" + lstmLayers + ", trimRightRatio=" + trimRightRatio
                + ", bins=" + bins + ", numQuantizers=" + numQuantizers + "]";
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw VoxtokException.userInput(message);
        }
    }
}
