package io.voxtok.data.synth;

import java.util.Objects;

/**
 * One synthetic speaker: a synthesizer voice plus prosody changes that make it sound like another person.
 *
 * @param speakerId       corpus speaker id, e.g. {@code slt_v1}
 * @param voice           flite voice name ({@code slt}, {@code awb}, {@code rms}, {@code kal16})
 * @param f0Mean          target mean F0 in Hz passed to flite ({@code int_f0_target_mean}); 0 keeps the voice's own
 * @param durationStretch flite {@code duration_stretch} (1 = normal rate, larger = slower)
 * @param pitchCents      pitch shift applied afterwards with sox {@code pitch} (keeps timing); 0 = none. Used for
 *                        voices whose F0 target flite ignores ({@code rms})
 */
public record VoiceSpec(String speakerId, String voice, double f0Mean, double durationStretch, double pitchCents) {
    /** Validates. */
    public VoiceSpec {
        Objects.requireNonNull(speakerId);
        Objects.requireNonNull(voice);
        if (f0Mean < 0 || !(durationStretch > 0.3 && durationStretch < 3) || Math.abs(pitchCents) > 1200) {
            throw new IllegalArgumentException("bad prosody for " + speakerId + ": f0=" + f0Mean + " stretch="
                    + durationStretch + " cents=" + pitchCents);
        }
    }
}
