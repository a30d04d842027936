package io.voxtok.bench.report;

import io.voxtok.api.audio.Utterance;
import io.voxtok.bench.plot.Tsne;
import io.voxtok.data.PhoneAlignment;
import io.voxtok.data.PhoneSegment;
import io.voxtok.metrics.probe.LayerGroup;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * Computes {@link SubjectFigures} from a subject's tokens.
 *
 * <p>t-SNE points (the paper's Fig. 4): the codes of a layer group are not vectors the SPI exposes (codebook rows
 * stay inside the tokenizer), so each point is one <b>aligned phone segment</b> (silence {@code pau} excluded)
 * represented by the normalised histogram of the codes of its frames, per layer of the group, concatenated (a bag
 * of units). Segments with the same codes land together; colouring the map by speaker and by phone shows which of
 * the two a layer group encodes. At most {@code maxPoints} segments, sampled with the seed.
 */
public final class FigureData {
    /** Codes shown in the heat map. */
    public static final int HEATMAP_CODES = 48;
    private FigureData() {
    }

    /** The figures of one subject: {@code codes.get(i)} are {@code [layer][frame]} codes of utterance i. */
    public static SubjectFigures compute(List<Utterance> utterances, List<int[][]> codes, double frameRate,
                                         int codebookSize, Map<String, PhoneAlignment> alignments, int maxPoints,
                                         long seed) {
        int layers = codes.get(0).length;
        List<long[]> usage = new ArrayList<>();
        for (int l = 0; l < layers; l++) {
            long[] c = new long[codebookSize];
            for (int[][] u : codes) {
                for (int x : u[l]) {
                    c[x]++;
                }
            }
            usage.add(c);
        }
        Optional<SubjectFigures.PhoneCodeMatrix> heat = heatmap(utterances, codes, frameRate, codebookSize, alignments);
        List<SubjectFigures.TsneMap> maps = new ArrayList<>();
        List<LayerGroup> groups = layers >= 2 ? List.of(new LayerGroup(1, 1), new LayerGroup(2, layers))
                : List.of(new LayerGroup(1, 1));
        List<Segment> segments = segments(utterances, codes, frameRate, alignments);
        Collections.shuffle(segments, new Random(seed));
        List<Segment> chosen = segments.subList(0, Math.min(maxPoints, segments.size()));
        if (chosen.size() >= 10) {
            for (LayerGroup g : groups) {
                double[][] x = new double[chosen.size()][];
                for (int i = 0; i < x.length; i++) {
                    x[i] = chosen.get(i).bag(g, codebookSize);
                }
                double[][] xy = new Tsne(30, 500, seed).embed(x);
                maps.add(new SubjectFigures.TsneMap(g.label(), xy, chosen.stream().map(Segment::speaker).toList(),
                        chosen.stream().map(Segment::phone).toList()));
            }
        }
        return new SubjectFigures(usage, heat, maps);
    }

    private record Segment(String speaker, String phone, int[][] codes) {
        double[] bag(LayerGroup g, int k) {
            double[] out = new double[g.size() * k];
            for (int l = g.first() - 1, j = 0; l < g.last(); l++, j++) {
                for (int c : codes[l]) {
                    out[j * k + c] += 1.0 / codes[l].length;
                }
            }
            return out;
        }
    }

    private static List<Segment> segments(List<Utterance> utterances, List<int[][]> codes, double frameRate,
                                          Map<String, PhoneAlignment> alignments) {
        List<Segment> out = new ArrayList<>();
        for (int i = 0; i < utterances.size(); i++) {
            Utterance u = utterances.get(i);
            PhoneAlignment a = alignments.get(u.id());
            if (a == null) {
                continue;
            }
            int[][] c = codes.get(i);
            int frames = c[0].length;
            for (PhoneSegment s : a.segments()) {
                if (s.phone().equals("pau")) {
                    continue;
                }
                // Frames whose centre lies in the segment, as PhoneAlignment.frameLabels labels them.
                int from = (int) Math.ceil(s.start() * frameRate - 0.5);
                int to = Math.min(frames, (int) Math.ceil(s.end() * frameRate - 0.5));
                if (to <= from || from < 0) {
                    continue;
                }
                int[][] seg = new int[c.length][];
                for (int l = 0; l < c.length; l++) {
                    seg[l] = java.util.Arrays.copyOfRange(c[l], from, to);
                }
                out.add(new Segment(u.speaker().orElse("?"), s.phone(), seg));
            }
        }
        return out;
    }

    private static Optional<SubjectFigures.PhoneCodeMatrix> heatmap(List<Utterance> utterances, List<int[][]> codes,
                                                                     double frameRate, int k,
                                                                     Map<String, PhoneAlignment> alignments) {
        Map<String, long[]> joint = new HashMap<>();
        long[] codeTotals = new long[k];
        for (int i = 0; i < utterances.size(); i++) {
            PhoneAlignment a = alignments.get(utterances.get(i).id());
            if (a == null) {
                continue;
            }
            int[] c = codes.get(i)[0];
            String[] labels = a.frameLabels(frameRate, c.length);
            for (int t = 0; t < c.length; t++) {
                if (labels[t] != null) {
                    joint.computeIfAbsent(labels[t], x -> new long[k])[c[t]]++;
                    codeTotals[c[t]]++;
                }
            }
        }
        if (joint.size() < 2) {
            return Optional.empty();
        }
        List<String> phones = new ArrayList<>(joint.keySet());
        phones.sort(Comparator.comparingLong((String p) -> -java.util.Arrays.stream(joint.get(p)).sum())
                .thenComparing(Comparator.naturalOrder()));
        List<Integer> top = new ArrayList<>();
        for (int c = 0; c < k; c++) {
            if (codeTotals[c] > 0) {
                top.add(c);
            }
        }
        top.sort(Comparator.comparingLong((Integer c) -> -codeTotals[c]).thenComparing(Comparator.naturalOrder()));
        List<Integer> shown = new ArrayList<>(top.subList(0, Math.min(HEATMAP_CODES, top.size())));
        Map<Integer, Integer> best = new LinkedHashMap<>();
        for (int c : shown) {
            int arg = 0;
            for (int j = 1; j < phones.size(); j++) {
                if (joint.get(phones.get(j))[c] > joint.get(phones.get(arg))[c]) {
                    arg = j;
                }
            }
            best.put(c, arg);
        }
        // Ordering codes by their most likely phone puts a content layer's mass on a diagonal.
        shown.sort(Comparator.comparingInt((Integer c) -> best.get(c)).thenComparing(Comparator.naturalOrder()));
        double[][] p = new double[shown.size()][phones.size()];
        for (int i = 0; i < shown.size(); i++) {
            int c = shown.get(i);
            for (int j = 0; j < phones.size(); j++) {
                p[i][j] = joint.get(phones.get(j))[c] / (double) codeTotals[c];
            }
        }
        return Optional.of(new SubjectFigures.PhoneCodeMatrix(phones,
                shown.stream().mapToInt(Integer::intValue).toArray(), p));
    }
}
