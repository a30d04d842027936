package io.voxtok.data.synth;

import io.voxtok.data.Split;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The synthetic speakers of a corpus and their held-out split. Each split draws from its own pool of base voices,
 * and the pools share no recorded person:
 * <ul>
 *   <li>train: flite {@code slt}, {@code awb}, {@code rms} (clustergen voices of three CMU ARCTIC speakers) and
 *       festival {@code slt_hts} (an HTS voice of the same {@code slt} recordings, a second engine);</li>
 *   <li>dev: speaker {@code kal} through two engines, flite {@code kal16} and festival {@code kal_diphone};</li>
 *   <li>test: festival {@code ked_diphone}, a speaker no other voice uses.</li>
 * </ul>
 * The last {@code round(0.15 n)} (at least 1) speakers are test speakers, the same number before them dev speakers.
 * Within a pool, speaker {@code j} uses base voice {@code j % poolSize} with prosody variant {@code j / poolSize}: a
 * factor on the voice's mean F0 and a speaking-rate stretch. Variants of one base voice share the recorded person,
 * so a pool with fewer base voices than speakers holds new F0/rate personas of the same people.
 */
public final class SpeakerPlan {
    /**
     * A base voice.
     *
     * @param id              prefix of its speaker ids
     * @param engine          synthesizer engine
     * @param voice           the engine's voice name
     * @param recordedSpeaker the person recorded
     * @param medianF0        measured median F0 (Hz) of its default prosody, the base of F0 targets (0: unused)
     * @param f0Target        true when the engine honours a mean-F0 target for it (flite {@code int_f0_target_mean});
     *                        otherwise variants shift pitch with sox
     */
    record Base(String id, String engine, String voice, String recordedSpeaker, double medianF0, boolean f0Target) {
    }

    private static final String FLITE = FliteSynthesizer.ENGINE;
    private static final String FESTIVAL = FestivalSynthesizer.ENGINE;
    /** Base voices of training speakers. */
    static final List<Base> TRAIN_VOICES = List.of(
            new Base("slt", FLITE, "slt", "slt", 170, true),
            new Base("awb", FLITE, "awb", "awb", 131, true),
            new Base("rms", FLITE, "rms", "rms", 103, false),
            new Base("slthts", FESTIVAL, "slt_hts", "slt", 0, false));
    /** Base voices of dev speakers. */
    static final List<Base> DEV_VOICES = List.of(
            new Base("kal16", FLITE, "kal16", "kal", 100, true),
            new Base("kal", FESTIVAL, "kal", "kal", 0, false));
    /** Base voices of test speakers. */
    static final List<Base> TEST_VOICES = List.of(new Base("ked", FESTIVAL, "ked", "ked", 0, false));
    /** {f0 factor, duration stretch} per variant. */
    static final double[][] VARIANTS = {{1.0, 1.0}, {1.18, 0.92}, {0.85, 1.10}, {1.32, 1.0}, {0.78, 0.96},
        {1.08, 1.16}, {0.92, 0.87}, {1.24, 1.07}, {0.82, 1.04}, {1.12, 0.95}};
    /** Largest supported speaker count (limited by the single test voice's variants). */
    public static final int MAX_SPEAKERS = 40;

    private final List<VoiceSpec> speakers;
    private final Map<Split, List<VoiceSpec>> bySplit;

    /** The plan for {@code n} speakers ({@code 3 <= n <= MAX_SPEAKERS}). */
    public SpeakerPlan(int n) {
        if (n < 3 || n > MAX_SPEAKERS) {
            throw new IllegalArgumentException("speakers must be in [3, " + MAX_SPEAKERS + "], got " + n);
        }
        int held = Math.max(1, (int) Math.round(0.15 * n));
        bySplit = new EnumMap<>(Split.class);
        bySplit.put(Split.TRAIN, pool(TRAIN_VOICES, n - 2 * held));
        bySplit.put(Split.DEV, pool(DEV_VOICES, held));
        bySplit.put(Split.TEST, pool(TEST_VOICES, held));
        List<VoiceSpec> all = new ArrayList<>();
        for (Split s : Split.values()) {
            all.addAll(bySplit.get(s));
        }
        speakers = List.copyOf(all);
    }

    private static List<VoiceSpec> pool(List<Base> bases, int count) {
        List<VoiceSpec> out = new ArrayList<>(count);
        for (int j = 0; j < count; j++) {
            Base b = bases.get(j % bases.size());
            int k = j / bases.size();
            double[] v = VARIANTS[k];
            String id = String.format(Locale.ROOT, "%s_v%d", b.id(), k);
            if (b.f0Target()) {
                out.add(new VoiceSpec(id, b.engine(), b.voice(), b.recordedSpeaker(),
                        v[0] == 1.0 ? 0 : b.medianF0() * v[0], v[1], 0));
            } else {
                out.add(new VoiceSpec(id, b.engine(), b.voice(), b.recordedSpeaker(), 0, v[1],
                        1200 * Math.log(v[0]) / Math.log(2)));
            }
        }
        return List.copyOf(out);
    }

    /** All speakers: train, then dev, then test. */
    public List<VoiceSpec> speakers() {
        return speakers;
    }

    /** The speakers of one split. */
    public List<VoiceSpec> speakers(Split split) {
        return bySplit.get(split);
    }
}
