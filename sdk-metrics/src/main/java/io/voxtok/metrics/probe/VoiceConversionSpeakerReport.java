package io.voxtok.metrics.probe;

import io.voxtok.api.VoxtokException;
import io.voxtok.audio.AudioReader;
import io.voxtok.data.CorpusEntry;
import io.voxtok.data.ManifestDataset;
import io.voxtok.metrics.SpeakerEmbedding;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Whose voice does converted audio have? For each {@link ConversionPair}, the {@link SpeakerEmbedding} of the
 * converted file is compared with the source and reference speakers: cosine similarity to each speaker's centroid
 * (embeddings standardised with the mean and deviation of a background of all the manifest's speakers first, so
 * no one band dominates) and the
 * probability of each speaker under a {@link LogisticRegression} classifier. Both are fitted on the manifest's
 * utterances of the speakers involved, except those used as a source or reference in any pair. The same numbers
 * for the original source utterances form the baseline: they should sit with the source speaker.
 */
public final class VoiceConversionSpeakerReport {
    /** Most utterances per speaker taken into the standardisation background. */
    public static final int BACKGROUND_PER_SPEAKER = 10;
    private VoiceConversionSpeakerReport() {
    }

    /**
     * Computes the report.
     *
     * @param manifest  corpus manifest (ids, speakers, audio paths)
     * @param audioRoot folder the manifest's relative audio paths are taken from; null = the manifest's folder
     * @param pairsFile JSON Lines of {@link ConversionPair}
     */
    public static ProbeReport compute(Path manifest, Path audioRoot, Path pairsFile) {
        Map<String, CorpusEntry> byId;
        try (Stream<CorpusEntry> s = new ManifestDataset(manifest).entries()) {
            byId = s.collect(Collectors.toMap(CorpusEntry::id, Function.identity(), (a, b) -> a, TreeMap::new));
        }
        List<ConversionPair> pairs = ConversionPair.readJsonLines(pairsFile);
        Set<String> used = new HashSet<>();
        Set<String> speakers = new TreeSet<>();
        for (ConversionPair p : pairs) {
            for (String id : List.of(p.source(), p.reference())) {
                CorpusEntry e = byId.get(id);
                if (e == null) {
                    throw VoxtokException.userInput(pairsFile + ": utterance '" + id + "' is not in " + manifest);
                }
                used.add(id);
                speakers.add(e.speaker());
            }
            if (!Files.isRegularFile(p.converted())) {
                throw VoxtokException.userInput(pairsFile + ": converted file not found: " + p.converted());
            }
        }
        Path manifestDir = manifest.toAbsolutePath().normalize().getParent();
        Function<CorpusEntry, Path> audioOf = e -> audioRoot == null ? e.audioPath()
                : audioRoot.resolve(manifestDir.relativize(e.audioPath().toAbsolutePath().normalize()));

        List<String> speakerList = new ArrayList<>(speakers);
        List<double[]> trainX = new ArrayList<>();
        List<Integer> trainY = new ArrayList<>();
        for (CorpusEntry e : byId.values()) {
            int s = speakerList.indexOf(e.speaker());
            if (s >= 0 && !used.contains(e.id())) {
                trainX.add(embed(audioOf.apply(e)));
                trainY.add(s);
            }
        }
        for (int s = 0; s < speakerList.size(); s++) {
            final int fs = s;
            long n = trainY.stream().filter(y -> y == fs).count();
            if (n < 2) {
                throw VoxtokException.userInput(manifest + ": speaker '" + speakerList.get(s) + "' has " + n
                        + " utterances besides the pairs' sources and references; at least 2 are needed to model it");
            }
        }
        if (speakerList.size() < 2) {
            throw VoxtokException.userInput(pairsFile + ": all pairs involve one speaker ('" + speakerList.get(0)
                    + "'); a speaker probe needs at least two");
        }
        // Standardisation statistics come from a background of every speaker in the manifest (up to
        // BACKGROUND_PER_SPEAKER utterances each), not only the speakers involved: with two speakers alone the
        // pool mean sits halfway between them and the two centroids point in opposite directions, which makes
        // the two cosines mirror images of each other.
        List<double[]> background = new ArrayList<>();
        Map<String, Integer> taken = new TreeMap<>();
        for (int i = 0; i < trainX.size(); i++) {
            background.add(trainX.get(i));
            taken.merge(speakerList.get(trainY.get(i)), 1, Integer::sum);
        }
        for (CorpusEntry e : byId.values()) {
            if (!speakers.contains(e.speaker()) && !used.contains(e.id())
                    && taken.getOrDefault(e.speaker(), 0) < BACKGROUND_PER_SPEAKER) {
                background.add(embed(audioOf.apply(e)));
                taken.merge(e.speaker(), 1, Integer::sum);
            }
        }
        int d = SpeakerEmbedding.DIMENSION;
        double[] mean = new double[d];
        double[] std = new double[d];
        for (double[] x : background) {
            for (int j = 0; j < d; j++) {
                mean[j] += x[j] / background.size();
            }
        }
        for (double[] x : background) {
            for (int j = 0; j < d; j++) {
                std[j] += (x[j] - mean[j]) * (x[j] - mean[j]) / background.size();
            }
        }
        for (int j = 0; j < d; j++) {
            std[j] = Math.sqrt(std[j]) + 1e-9;
        }
        double[][] centroids = new double[speakerList.size()][d];
        int[] counts = new int[speakerList.size()];
        for (int i = 0; i < trainX.size(); i++) {
            double[] z = standardise(trainX.get(i), mean, std);
            int s = trainY.get(i);
            counts[s]++;
            for (int j = 0; j < d; j++) {
                centroids[s][j] += z[j];
            }
        }
        for (int s = 0; s < centroids.length; s++) {
            for (int j = 0; j < d; j++) {
                centroids[s][j] /= counts[s];
            }
        }
        LogisticRegression classifier = LogisticRegression.fit(trainX.toArray(double[][]::new),
                trainY.stream().mapToInt(Integer::intValue).toArray(), speakerList.size());

        List<Map<String, Object>> rows = new ArrayList<>();
        Side convertedSide = new Side();
        Side sourceSide = new Side();
        for (ConversionPair p : pairs) {
            CorpusEntry src = byId.get(p.source());
            CorpusEntry ref = byId.get(p.reference());
            int si = speakerList.indexOf(src.speaker());
            int ri = speakerList.indexOf(ref.speaker());
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("converted", p.converted().toString());
            row.put("source", p.source());
            row.put("reference", p.reference());
            row.put("source_speaker", src.speaker());
            row.put("reference_speaker", ref.speaker());
            Map<String, Object> conv = convertedSide.score(embed(p.converted()), si, ri, mean, std, centroids, classifier);
            Map<String, Object> orig = sourceSide.score(embed(audioOf.apply(src)), si, ri, mean, std, centroids, classifier);
            row.put("converted_scores", conv);
            row.put("source_audio_scores", orig);
            row.put("similarity_shift", (double) conv.get("margin") - (double) orig.get("margin"));
            rows.add(row);
        }
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("pairs", pairs.size());
        summary.put("converted", convertedSide.summary());
        summary.put("source_audio_baseline", sourceSide.summary());
        summary.put("mean_similarity_shift", convertedSide.meanMargin() - sourceSide.meanMargin());
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("manifest", manifest.toAbsolutePath().toString());
        json.put("pairs_file", pairsFile.toAbsolutePath().toString());
        json.put("embedding", "mean and std over frames of " + SpeakerEmbedding.MELS + " log-mel bands, 16 kHz");
        json.put("speakers", speakerList);
        json.put("training_utterances", trainX.size());
        json.put("background_utterances", background.size());
        json.put("summary", summary);
        json.put("pairs", rows);
        return new ProbeReport(json, markdown(summary, speakerList, trainX.size(), rows));
    }

    private static double[] embed(Path audio) {
        return SpeakerEmbedding.of(AudioReader.readAs(audio, SpeakerEmbedding.SAMPLE_RATE, 1).toArray());
    }

    static double[] standardise(double[] x, double[] mean, double[] std) {
        double[] z = new double[x.length];
        for (int j = 0; j < x.length; j++) {
            z[j] = (x[j] - mean[j]) / std[j];
        }
        return z;
    }

    static double cosine(double[] a, double[] b) {
        double ab = 0;
        double aa = 0;
        double bb = 0;
        for (int i = 0; i < a.length; i++) {
            ab += a[i] * b[i];
            aa += a[i] * a[i];
            bb += b[i] * b[i];
        }
        return aa == 0 || bb == 0 ? 0 : ab / Math.sqrt(aa * bb);
    }

    /** Running scores of one kind of audio (converted, or the original sources). */
    private static final class Side {
        private int n;
        private int closerToReference;
        private int predictedReference;
        private int predictedSource;
        private double margin;
        private double cosSource;
        private double cosReference;
        private double pSource;
        private double pReference;

        Map<String, Object> score(double[] emb, int si, int ri, double[] mean, double[] std, double[][] centroids,
                                  LogisticRegression classifier) {
            double[] z = standardise(emb, mean, std);
            double cs = cosine(z, centroids[si]);
            double cr = cosine(z, centroids[ri]);
            double[] p = classifier.probabilities(emb);
            int predicted = classifier.predict(emb);
            n++;
            closerToReference += cr > cs ? 1 : 0;
            predictedReference += predicted == ri ? 1 : 0;
            predictedSource += predicted == si ? 1 : 0;
            margin += cr - cs;
            cosSource += cs;
            cosReference += cr;
            pSource += p[si];
            pReference += p[ri];
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("cosine_source_speaker", cs);
            m.put("cosine_reference_speaker", cr);
            m.put("margin", cr - cs);
            m.put("p_source_speaker", p[si]);
            m.put("p_reference_speaker", p[ri]);
            m.put("predicted_speaker_index", predicted);
            return m;
        }

        double meanMargin() {
            return margin / n;
        }

        Map<String, Object> summary() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("fraction_closer_to_reference", closerToReference / (double) n);
            m.put("fraction_classified_as_reference", predictedReference / (double) n);
            m.put("fraction_classified_as_source", predictedSource / (double) n);
            m.put("mean_cosine_source_speaker", cosSource / n);
            m.put("mean_cosine_reference_speaker", cosReference / n);
            m.put("mean_margin", margin / n);
            m.put("mean_p_source_speaker", pSource / n);
            m.put("mean_p_reference_speaker", pReference / n);
            return m;
        }
    }

    @SuppressWarnings("unchecked")
    private static String markdown(Map<String, Object> summary, List<String> speakers, int training,
                                   List<Map<String, Object>> rows) {
        StringBuilder b = new StringBuilder("# Voice conversion speaker report\n\n");
        b.append(String.format(Locale.ROOT, "%d pairs; speakers %s; %d training utterances (sources and references"
                + " excluded).%n%n", rows.size(), String.join(", ", speakers), training));
        b.append("| audio | closer to reference | classified as reference | classified as source"
                + " | cos(source spk) | cos(reference spk) | p(source spk) | p(reference spk) |\n");
        b.append("|---|---|---|---|---|---|---|---|\n");
        for (String side : List.of("converted", "source_audio_baseline")) {
            Map<String, Object> s = (Map<String, Object>) summary.get(side);
            b.append(String.format(Locale.ROOT, "| %s | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f |%n", side,
                    s.get("fraction_closer_to_reference"), s.get("fraction_classified_as_reference"),
                    s.get("fraction_classified_as_source"), s.get("mean_cosine_source_speaker"),
                    s.get("mean_cosine_reference_speaker"), s.get("mean_p_source_speaker"),
                    s.get("mean_p_reference_speaker")));
        }
        b.append(String.format(Locale.ROOT, "%nMean similarity shift (converted minus source audio, of"
                + " cos(reference) - cos(source)): %.3f. Positive = conversion moved the voice towards the"
                + " reference speaker.%n", (double) summary.get("mean_similarity_shift")));
        return b.toString();
    }
}
