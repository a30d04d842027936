package io.voxtok.audio;

/**
 * The sample encodings Voxtok reads from and writes to WAV files, with the integer-to-float scaling each one
 * uses. Integer samples map to float by dividing by 2<sup>bits-1</sup> (so int16 gives {@code v / 32768.0},
 * exactly what {@code torchaudio.load} returns); 8-bit PCM is unsigned with its zero at 128.
 */
public enum WavSampleFormat {
    /** 8-bit unsigned PCM: {@code (v - 128) / 128}. */
    PCM_U8(8, false),
    /** 16-bit signed PCM: {@code v / 32768}. */
    PCM_S16(16, false),
    /** 24-bit signed PCM (3 bytes, little-endian): {@code v / 8388608}. */
    PCM_S24(24, false),
    /** 32-bit signed PCM: {@code v / 2147483648}. */
    PCM_S32(32, false),
    /** 32-bit IEEE float, stored as is. */
    FLOAT32(32, true),
    /** 64-bit IEEE float, rounded to float32 on reading. */
    FLOAT64(64, true);

    /** WAVE_FORMAT_PCM. */
    static final int TAG_PCM = 0x0001;
    /** WAVE_FORMAT_IEEE_FLOAT. */
    static final int TAG_IEEE_FLOAT = 0x0003;

    private final int bits;
    private final boolean floatingPoint;

    WavSampleFormat(int bits, boolean floatingPoint) {
        this.bits = bits;
        this.floatingPoint = floatingPoint;
    }

    /** Bits per sample as stored (the container size). */
    public int bitsPerSample() {
        return bits;
    }

    /** Bytes per sample as stored. */
    public int bytesPerSample() {
        return bits / 8;
    }

    /** True for the IEEE float encodings. */
    public boolean isFloatingPoint() {
        return floatingPoint;
    }

    /** The WAV format tag of this encoding (1 = PCM, 3 = IEEE float), as used in a plain or extensible header. */
    int formatTag() {
        return floatingPoint ? TAG_IEEE_FLOAT : TAG_PCM;
    }

    /**
     * The encoding for a format tag and a sample size, or {@code null} when Voxtok does not support that
     * combination.
     */
    static WavSampleFormat of(int formatTag, int bitsPerSample) {
        if (formatTag == TAG_PCM) {
            switch (bitsPerSample) {
                case 8: return PCM_U8;
                case 16: return PCM_S16;
                case 24: return PCM_S24;
                case 32: return PCM_S32;
                default: return null;
            }
        }
        if (formatTag == TAG_IEEE_FLOAT) {
            switch (bitsPerSample) {
                case 32: return FLOAT32;
                case 64: return FLOAT64;
                default: return null;
            }
        }
        return null;
    }
}
