package io.voxtok.metrics.probe;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Speaker-identification probe: how much speaker identity a per-utterance feature carries, measured as the test
 * accuracy of a {@link LogisticRegression} speaker classifier. Split: each speaker's utterances sorted by id,
 * even positions train and odd positions test, so the split is deterministic and balanced. Speakers with fewer
 * than {@link #MIN_UTTERANCES} utterances are skipped (and listed) because half of them would leave too few to
 * train or test on.
 */
public final class SpeakerProbe {
    /** Fewest utterances a speaker needs to take part. */
    public static final int MIN_UTTERANCES = 4;

    private SpeakerProbe() {
    }

    /**
     * One utterance's feature.
     *
     * @param id       utterance id (orders the split)
     * @param speaker  speaker label
     * @param features the feature vector
     */
    public record Example(String id, String speaker, double[] features) {
    }

    /**
     * The probe's outcome.
     *
     * @param accuracy        fraction of test utterances whose speaker was predicted (NaN when fewer than 2
     *                        speakers qualified)
     * @param speakers        speakers that took part
     * @param chance          {@code 1 / speakers}
     * @param trainUtterances training utterances
     * @param testUtterances  test utterances
     * @param skippedSpeakers speakers left out for having fewer than {@link #MIN_UTTERANCES} utterances
     * @param iterations      gradient steps of the fit
     */
    public record Result(double accuracy, int speakers, double chance, int trainUtterances, int testUtterances,
                         List<String> skippedSpeakers, int iterations) {
        /** As a JSON-ready map. */
        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("accuracy", Double.isNaN(accuracy) ? null : accuracy);
            m.put("speakers", speakers);
            m.put("chance", Double.isNaN(chance) ? null : chance);
            m.put("train_utterances", trainUtterances);
            m.put("test_utterances", testUtterances);
            m.put("skipped_speakers", skippedSpeakers);
            m.put("iterations", iterations);
            return m;
        }
    }

    /** Runs the probe with the default regularisation. */
    public static Result run(List<Example> examples) {
        return run(examples, LogisticRegression.DEFAULT_L2, LogisticRegression.DEFAULT_ITERATIONS);
    }

    /** Runs the probe. */
    public static Result run(List<Example> examples, double l2, int maxIterations) {
        Map<String, List<Example>> bySpeaker = new TreeMap<>();
        for (Example e : examples) {
            bySpeaker.computeIfAbsent(e.speaker(), k -> new ArrayList<>()).add(e);
        }
        List<String> skipped = new ArrayList<>();
        List<String> kept = new ArrayList<>();
        for (Map.Entry<String, List<Example>> e : bySpeaker.entrySet()) {
            (e.getValue().size() < MIN_UTTERANCES ? skipped : kept).add(e.getKey());
        }
        if (kept.size() < 2) {
            return new Result(Double.NaN, kept.size(), Double.NaN, 0, 0, skipped, 0);
        }
        List<double[]> trainX = new ArrayList<>();
        List<Integer> trainY = new ArrayList<>();
        List<double[]> testX = new ArrayList<>();
        List<Integer> testY = new ArrayList<>();
        for (int s = 0; s < kept.size(); s++) {
            List<Example> utts = new ArrayList<>(bySpeaker.get(kept.get(s)));
            utts.sort(Comparator.comparing(Example::id));
            for (int i = 0; i < utts.size(); i++) {
                (i % 2 == 0 ? trainX : testX).add(utts.get(i).features());
                (i % 2 == 0 ? trainY : testY).add(s);
            }
        }
        LogisticRegression model = LogisticRegression.fit(trainX.toArray(double[][]::new),
                trainY.stream().mapToInt(Integer::intValue).toArray(), kept.size(), l2, maxIterations);
        int correct = 0;
        for (int i = 0; i < testX.size(); i++) {
            correct += model.predict(testX.get(i)) == testY.get(i) ? 1 : 0;
        }
        return new Result(correct / (double) testX.size(), kept.size(), 1.0 / kept.size(), trainX.size(),
                testX.size(), skipped, model.iterations());
    }
}
