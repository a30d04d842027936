package io.voxtok.metrics.speaker;

import io.voxtok.api.VoxtokException;
import io.voxtok.api.speaker.SpeakerEncoder;
import io.voxtok.audio.AudioReader;
import io.voxtok.data.CorpusEntry;
import io.voxtok.data.ManifestDataset;
import io.voxtok.data.Split;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;
import java.util.stream.Stream;

/**
 * Speaker verification on one split of a corpus: every utterance of the split embedded whole by a
 * {@link SpeakerEncoder} (read at the encoder's rate, mono), all same/different-speaker pairs scored by cosine
 * ({@link SpeakerTrials}), and the equal error rate. For a corpus whose dev and test speakers are held out of
 * training this measures verification of unseen voices. Stateless.
 */
public final class CorpusSpeakerVerification {
    private CorpusSpeakerVerification() {
    }

    /**
     * The result of one evaluation.
     *
     * @param eer        the equal error rate and trial counts
     * @param utterances utterances scored
     * @param speakers   distinct speakers among them
     */
    public record Result(EqualErrorRate eer, int utterances, int speakers) {
        /** The JSON fields. */
        public Map<String, Object> toJson() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("eer", eer.eer());
            m.put("threshold", eer.threshold());
            m.put("target_trials", eer.targetTrials());
            m.put("non_target_trials", eer.nonTargetTrials());
            m.put("utterances", utterances);
            m.put("speakers", speakers);
            return m;
        }
    }

    /** The entries of {@code split} in {@code manifest}, in corpus order. */
    public static List<CorpusEntry> entries(Path manifest, Split split) {
        List<CorpusEntry> out = new ArrayList<>();
        try (Stream<CorpusEntry> s = new ManifestDataset(manifest).entries()) {
            s.filter(e -> e.split() == split).forEach(out::add);
        }
        return out;
    }

    /**
     * Embeds and scores.
     *
     * @param encoder  the encoder (not closed here)
     * @param entries  utterances with speaker labels
     * @param progress called with the number of utterances embedded so far (may be a no-op)
     * @throws VoxtokException USER_INPUT naming the file for unreadable or too short audio, or when the entries hold
     *                         no target or no non-target trial
     */
    public static Result evaluate(SpeakerEncoder encoder, List<CorpusEntry> entries, IntConsumer progress) {
        List<float[]> embeddings = new ArrayList<>(entries.size());
        List<String> speakers = new ArrayList<>(entries.size());
        int rate = encoder.spec().sampleRate();
        for (CorpusEntry e : entries) {
            float[] audio = AudioReader.readAs(e.audioPath(), rate, 1).toArray();
            try {
                embeddings.add(encoder.embed(audio));
            } catch (VoxtokException ex) {
                throw VoxtokException.userInput(e.audioPath() + ": " + ex.getMessage());
            }
            speakers.add(e.speaker());
            progress.accept(embeddings.size());
        }
        return new Result(SpeakerTrials.equalErrorRate(embeddings, speakers), entries.size(),
                (int) speakers.stream().distinct().count());
    }
}
