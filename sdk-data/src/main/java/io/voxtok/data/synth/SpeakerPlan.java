package io.voxtok.data.synth;

import io.voxtok.data.Split;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The synthetic speakers of a corpus and their held-out split. Speaker {@code i} uses base voice
 * {@code BASE[i % 4]} with prosody variant {@code i / 4}: a factor on the voice's mean F0 and a speaking-rate
 * stretch. The last {@code round(0.15 n)} (at least 1) speakers are test speakers, the same number before them dev
 * speakers; because consecutive speakers use different base voices, held-out speakers cover several voices.
 * Note that variants of one base voice share the recorded speaker underneath: held-out speakers are new
 * F0/rate personas, not new recordings.
 */
public final class SpeakerPlan {
    /** Base flite voices, in speaker order. */
    static final String[] BASE = {"slt", "awb", "kal16", "rms"};
    /** Measured median F0 (Hz) of each base voice's default prosody. */
    static final double[] BASE_F0 = {170, 131, 100, 103};
    /** {f0 factor, duration stretch} per variant. */
    static final double[][] VARIANTS = {{1.0, 1.0}, {1.18, 0.92}, {0.85, 1.10}, {1.32, 1.0}, {0.78, 0.96},
        {1.08, 1.16}, {0.92, 0.87}, {1.24, 1.07}, {0.82, 1.04}, {1.12, 0.95}};
    /** Largest supported speaker count. */
    public static final int MAX_SPEAKERS = BASE.length * VARIANTS.length;

    private final List<VoiceSpec> speakers;
    private final Map<Split, List<VoiceSpec>> bySplit;

    /** The plan for {@code n} speakers ({@code 3 <= n <= MAX_SPEAKERS}). */
    public SpeakerPlan(int n) {
        if (n < 3 || n > MAX_SPEAKERS) {
            throw new IllegalArgumentException("speakers must be in [3, " + MAX_SPEAKERS + "], got " + n);
        }
        List<VoiceSpec> all = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int b = i % BASE.length;
            double[] v = VARIANTS[i / BASE.length];
            String id = String.format(Locale.ROOT, "%s_v%d", BASE[b], i / BASE.length);
            if (BASE[b].equals("rms")) {
                // flite ignores int_f0_target_mean for rms: shift pitch with sox instead.
                all.add(new VoiceSpec(id, BASE[b], 0, v[1], 1200 * Math.log(v[0]) / Math.log(2)));
            } else {
                all.add(new VoiceSpec(id, BASE[b], v[0] == 1.0 ? 0 : BASE_F0[b] * v[0], v[1], 0));
            }
        }
        int held = Math.max(1, (int) Math.round(0.15 * n));
        bySplit = new EnumMap<>(Split.class);
        bySplit.put(Split.TRAIN, List.copyOf(all.subList(0, n - 2 * held)));
        bySplit.put(Split.DEV, List.copyOf(all.subList(n - 2 * held, n - held)));
        bySplit.put(Split.TEST, List.copyOf(all.subList(n - held, n)));
        speakers = List.copyOf(all);
    }

    /** All speakers in order. */
    public List<VoiceSpec> speakers() {
        return speakers;
    }

    /** The speakers of one split. */
    public List<VoiceSpec> speakers(Split split) {
        return bySplit.get(split);
    }
}
