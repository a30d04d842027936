package io.voxtok.bench.speaker;

import io.voxtok.api.VoxtokException;
import io.voxtok.api.speaker.SpeakerEncoder;
import io.voxtok.data.CorpusEntry;
import io.voxtok.metrics.speaker.CorpusSpeakerVerification;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The speaker encoder behind a report's similarity (SIM) numbers and how well it tells voices apart: its equal
 * error rate on the benchmark's own utterances (all same/different-speaker pairs, raw cosine, as
 * {@code voxtok speaker eer}), measured when the run starts so that SIM values are read against it.
 *
 * @param description the encoder's description (model, weights checksum); "none" without an encoder
 * @param eer         the EER, when measurable (at least two speakers, one with two utterances)
 * @param utterances  utterances scored
 * @param speakers    speakers among them
 * @param note        why there is no EER, or empty
 */
public record SpeakerEncoderSummary(String description, Optional<Double> eer, int utterances, int speakers,
                                    String note) {
    /** No encoder: no SIM metrics. */
    public static SpeakerEncoderSummary none() {
        return new SpeakerEncoderSummary("none", Optional.empty(), 0, 0, "no speaker encoder");
    }

    /** Measures {@code encoder}'s EER on {@code entries}. */
    public static SpeakerEncoderSummary measure(SpeakerEncoder encoder, List<CorpusEntry> entries) {
        try {
            CorpusSpeakerVerification.Result r = CorpusSpeakerVerification.evaluate(encoder, entries, n -> { });
            return new SpeakerEncoderSummary(encoder.spec().description(), Optional.of(r.eer().eer()),
                    r.utterances(), r.speakers(), "");
        } catch (VoxtokException e) {
            if (e.kind() != io.voxtok.api.ErrorKind.USER_INPUT) {
                throw e;
            }
            return new SpeakerEncoderSummary(encoder.spec().description(), Optional.empty(), entries.size(), 0,
                    e.getMessage());
        }
    }

    /** One line for reports, e.g. "EER 12.3 % on the 50 benchmark utterances (6 speakers)". */
    public String eerText() {
        return eer.map(v -> String.format(Locale.ROOT, "EER %.1f %% on the %d benchmark utterances (%d speakers; all"
                + " same/different-speaker pairs, raw cosine)", 100 * v, utterances, speakers))
                .orElse("EER not measurable: " + note);
    }

    /** JSON-ready form. */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("description", description);
        m.put("eer", eer.orElse(null));
        m.put("eer_utterances", utterances);
        m.put("eer_speakers", speakers);
        if (!note.isEmpty()) {
            m.put("note", note);
        }
        return m;
    }
}
