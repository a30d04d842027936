package io.voxtok.data.synth;

import java.util.Objects;

/**
 * One synthetic speaker: a synthesizer voice plus prosody changes that make it sound like another person.
 *
 * @param speakerId       corpus speaker id, e.g. {@code slt_v1}
 * @param engine          the synthesizer that renders it: {@link FliteSynthesizer#ENGINE} or
 *                        {@link FestivalSynthesizer#ENGINE}
 * @param voice           the engine's voice name (flite: {@code slt}, {@code awb}, {@code rms}, {@code kal16};
 *                        festival: the keys of {@link FestivalSynthesizer#VOICES})
 * @param recordedSpeaker the real person whose recordings the voice was built from (several engine voices can share
 *                        one, e.g. flite {@code kal16} and festival {@code kal_diphone}); used to keep held-out
 *                        speakers disjoint from training speakers at the level of people, not only of voices
 * @param f0Mean          target mean F0 in Hz passed to flite ({@code int_f0_target_mean}); 0 keeps the voice's own
 * @param durationStretch speaking-rate stretch (1 = normal rate, larger = slower)
 * @param pitchCents      pitch shift applied afterwards with sox {@code pitch} (keeps timing); 0 = none. Used for
 *                        voices without a usable F0 target (flite {@code rms}, festival voices)
 */
public record VoiceSpec(String speakerId, String engine, String voice, String recordedSpeaker, double f0Mean,
        double durationStretch, double pitchCents) {
    /** Validates. */
    public VoiceSpec {
        Objects.requireNonNull(speakerId);
        Objects.requireNonNull(engine);
        Objects.requireNonNull(voice);
        Objects.requireNonNull(recordedSpeaker);
        if (f0Mean < 0 || !(durationStretch > 0.3 && durationStretch < 3) || Math.abs(pitchCents) > 1200) {
            throw new IllegalArgumentException("bad prosody for " + speakerId + ": f0=" + f0Mean + " stretch="
                    + durationStretch + " cents=" + pitchCents);
        }
    }

    /** Engine and voice, e.g. {@code festival/ked}: what must not be shared between training and held-out speakers. */
    public String engineVoice() {
        return engine + "/" + voice;
    }
}
